package shape

// figures is every figure the report gives, in the order it shows them.
var figures = []figureDef{
	sessionFigure("calls", UnitCount, "main-thread API calls (subagents apart)", false,
		func(m *measure) float64 { return float64(m.calls) }),
	sessionFigure("turns", UnitCount, "turns: each starts at a human prompt or slash command", false,
		func(m *measure) float64 { return float64(m.turns) }),
	ratioFigure("calls_per_turn", UnitCount, "all calls / all turns", "calls per turn: the tool loop's length",
		func(m *measure) float64 { return float64(m.calls) },
		func(m *measure) float64 { return float64(m.turns) }),
	sessionFigure("subagent_calls", UnitCount, "calls made by the session's subagents (sidechains)", false,
		func(m *measure) float64 { return float64(m.subCalls) }),
	ratioFigure("subagent_token_share", UnitShare, "all subagent tokens / all tokens", "subagents' share of the session's tokens",
		func(m *measure) float64 { return float64(m.sub.Total()) },
		func(m *measure) float64 { return float64(m.sub.Total() + m.main.Total()) }),

	sessionFigure("prefix_tokens", UnitTokens, "first call's context: system prompt, tools, memory, prompt", false,
		func(m *measure) float64 { return float64(m.prefix) }),
	eventFigure("growth_median_tokens", UnitTokens, "context growth per call: median of the session's deltas",
		func(m *measure) []float64 { return floats(m.deltas) }),
	meanEventFigure("growth_mean_tokens", UnitTokens, "context growth per call: mean of the session's deltas",
		func(m *measure) []float64 { return floats(m.deltas) }),
	sessionFigure("max_context_tokens", UnitTokens, "largest context of a call", true,
		func(m *measure) float64 { return float64(m.maxContext) }),
	sessionFigure("compactions", UnitCount, "compactions (boundary or summary lines)", false,
		func(m *measure) float64 { return float64(len(m.compactions)) }),
	eventFigure("compaction_threshold_tokens", UnitTokens, "context of the last call before an auto-compaction",
		func(m *measure) []float64 {
			return compactionSizes(m, true, func(c compaction) int64 { return c.before })
		}),
	eventFigure("compaction_pre_tokens", UnitTokens, "context Claude Code logged at a compaction (preTokens)",
		func(m *measure) []float64 {
			return compactionSizes(m, false, func(c compaction) int64 { return c.pre })
		}),
	eventFigure("post_compaction_tokens", UnitTokens, "context of the first call after a compaction",
		func(m *measure) []float64 {
			return compactionSizes(m, false, func(c compaction) int64 { return c.after })
		}),

	ratioFigure("output_per_call_tokens", UnitTokens, "all output / all calls", "output per call as logged (partial where not final)",
		func(m *measure) float64 { return float64(m.main.Output) },
		func(m *measure) float64 { return float64(m.calls) }),
	ratioFigure("output_share", UnitShare, "all output / all tokens", "output share of all four token kinds, as logged",
		func(m *measure) float64 { return float64(m.main.Output) },
		func(m *measure) float64 { return float64(m.main.Total()) }),
	ratioFigure("final_output_call_share", UnitShare, "all final calls / all calls", "calls whose output count is final (stop reason logged)",
		func(m *measure) float64 { return float64(m.finalCalls) },
		func(m *measure) float64 { return float64(m.calls) }),
	ratioFigure("output_per_final_call_tokens", UnitTokens, "output of final calls / final calls", "output per call, calls with a final count only",
		func(m *measure) float64 { return float64(m.final.Output) },
		func(m *measure) float64 { return float64(m.finalCalls) }),
	ratioFigure("output_share_final_calls", UnitShare, "output of final calls / their tokens", "output share, calls with a final count only",
		func(m *measure) float64 { return float64(m.final.Output) },
		func(m *measure) float64 { return float64(m.final.Total()) }),
	ratioFigure("cache_miss_share", UnitShare, "all misses / all later calls", "later calls writing over half their context to the cache",
		func(m *measure) float64 { return float64(m.coldPause + m.coldBusy) },
		func(m *measure) float64 { return float64(m.laterPause + m.laterBusy) }),
	ratioFigure("cache_miss_share_after_pause", UnitShare, "all such misses / all such calls", "misses among calls over 5 min after the previous request",
		func(m *measure) float64 { return float64(m.coldPause) },
		func(m *measure) float64 { return float64(m.laterPause) }),
	ratioFigure("cache_miss_share_no_pause", UnitShare, "all such misses / all such calls", "misses among calls within 5 min of the previous request",
		func(m *measure) float64 { return float64(m.coldBusy) },
		func(m *measure) float64 { return float64(m.laterBusy) }),
	ratioFigure("long_gap_share", UnitShare, "all such calls / all later calls", "later calls over 5 min after the previous request",
		func(m *measure) float64 { return float64(m.laterPause) },
		func(m *measure) float64 { return float64(m.laterPause + m.laterBusy) }),
	ratioFigure("cache_write_1h_share", UnitShare, "all 1-hour writes / all writes", "cache writes made with the 1-hour TTL",
		func(m *measure) float64 { return float64(m.main.CacheWrite1h) },
		func(m *measure) float64 { return float64(m.main.CacheWrite()) }),

	eventFigure("human_pause_seconds", UnitSeconds, "a turn's last response to the next human prompt",
		func(m *measure) []float64 { return m.pauses }),
	meanEventFigure("human_pause_mean_seconds", UnitSeconds, "mean human pause (the session's length follows the mean)",
		func(m *measure) []float64 { return m.pauses }),
	eventFigure("tool_seconds", UnitSeconds, "tool use to tool result (permission prompts included)",
		func(m *measure) []float64 { return m.tools }),
	meanEventFigure("tool_mean_seconds", UnitSeconds, "mean tool time",
		func(m *measure) []float64 { return m.tools }),
	eventFigure("call_seconds", UnitSeconds, "trigger (prompt or tool result) to the response's last line",
		func(m *measure) []float64 { return m.callSecs }),
	meanEventFigure("call_mean_seconds", UnitSeconds, "mean call duration",
		func(m *measure) []float64 { return m.callSecs }),
	eventFigure("first_block_seconds", UnitSeconds, "trigger to the response's first line",
		func(m *measure) []float64 { return m.firstBlockSecs }),
	sessionFigure("active_minutes", UnitMinutes, "clock minutes in which a call ended", false,
		func(m *measure) float64 { return float64(activeMinutes(m.ends)) }),
	ratioFigure("pace_calls_per_active_minute", UnitPerMinute, "all calls / all active minutes", "sustained pace: calls per active minute",
		func(m *measure) float64 { return float64(m.calls) },
		func(m *measure) float64 { return float64(activeMinutes(m.ends)) }),
	sessionFigure("burst_calls_per_60s", UnitCount, "most calls ending within any 60 seconds", true,
		func(m *measure) float64 { return float64(burst(m.ends)) }),
	sessionFigure("wall_minutes", UnitMinutes, "first call's trigger to the last response", false,
		func(m *measure) float64 { return max(0, m.end.Sub(m.start).Minutes()) }),
}

// compactionSizes lists one size of each compaction that logged it (auto
// compactions only, when autoOnly).
func compactionSizes(m *measure, autoOnly bool, size func(compaction) int64) []float64 {
	var out []float64
	for _, c := range m.compactions {
		if autoOnly && c.trigger != "auto" {
			continue
		}
		if v := size(c); v > 0 {
			out = append(out, float64(v))
		}
	}
	return out
}
