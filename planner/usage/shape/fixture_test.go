package shape

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/tierplan/tierplan/planner/usage"
)

// fixture is the committed history described in testdata/README.md.
var fixture = filepath.Join("testdata", "history")

func readFixture(t *testing.T) Report {
	t.Helper()
	files, problems, err := usage.FindFiles(usage.OSFileSystem{}, []string{fixture})
	if err != nil || len(problems) > 0 {
		t.Fatalf("FindFiles: %v %v", err, problems)
	}
	return Analyze(Read(usage.OSFileSystem{}, files, ReadOptions{}), Options{})
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// Every figure of each session, worked out by hand from the lines (see
// testdata/README.md for what each line is).
var fixtureSessions = map[string]map[string]float64{
	"aaaaaaaa-0000-4000-8000-000000000001": {
		"calls": 5, "turns": 2, "calls_per_turn": 2.5, "subagent_calls": 0, "subagent_token_share": 0,
		"prefix_tokens": 16010, // 10 + 4,000 + 12,000
		// deltas +798, +1,198, +499, +699: nearest-rank median of 4 is the 2nd
		"growth_median_tokens": 699, "growth_mean_tokens": 3194.0 / 4,
		"max_context_tokens": 19204, "compactions": 0,
		// output 300+200+400+250+500 = 1,650; all kinds 33 + 1,650 + 25,200 + 63,300 = 90,183
		"output_per_call_tokens": 330, "output_share": 1650.0 / 90183,
		"final_output_call_share": 1, "output_per_final_call_tokens": 330, "output_share_final_calls": 1650.0 / 90183,
		// call 4 writes 18,500 of 18,505, 607 s after call 3's request
		"cache_miss_share": 0.25, "cache_miss_share_after_pause": 1, "cache_miss_share_no_pause": 0, "long_gap_share": 0.25,
		"cache_write_1h_share": 0,
		"human_pause_seconds":  600, "human_pause_mean_seconds": 600,
		"tool_seconds": 3, "tool_mean_seconds": 8.0 / 3, // 1, 3, 4
		"call_seconds": 6, "call_mean_seconds": 6.4, // 5, 4, 7, 6, 10
		"first_block_seconds": 6, // 3, 4, 7, 6, 10
		"active_minutes":      2, "pace_calls_per_active_minute": 2.5, "burst_calls_per_60s": 3,
		"wall_minutes": 640.0 / 60, // 10:00:00 to 10:10:40
	},
	"bbbbbbbb-0000-4000-8000-000000000002": {
		"calls": 5, "turns": 2, "calls_per_turn": 2.5, "subagent_calls": 2, // the replay of msg_B1 dropped
		// subagents 8,602 + 8,902 = 17,504; main 15 + 1,250 + 28,200 + 68,700 = 98,165
		"subagent_token_share": 17504.0 / (17504 + 98165),
		"prefix_tokens":        20003,
		// deltas +1,000, +700, +500 (call 3 follows the compaction)
		"growth_median_tokens": 700, "growth_mean_tokens": 2200.0 / 3,
		"max_context_tokens": 21003, "compactions": 1,
		"compaction_threshold_tokens": 21003, "compaction_pre_tokens": 21500, "post_compaction_tokens": 18003,
		"output_per_call_tokens": 250, "output_share": 1250.0 / 98165,
		"final_output_call_share": 1, "output_per_final_call_tokens": 250, "output_share_final_calls": 1250.0 / 98165,
		// later calls 2, 4, 5: none cold, none after a 5-minute gap
		"cache_miss_share": 0, "cache_miss_share_no_pause": 0, "long_gap_share": 0,
		"cache_write_1h_share": 1,
		"human_pause_seconds":  100, "human_pause_mean_seconds": 100,
		"tool_seconds": 1, "tool_mean_seconds": 13.5, // 26 (the Task), 1
		"call_seconds": 4, "call_mean_seconds": 4.9, // 4, 5, 7.5, 4, 4
		"first_block_seconds": 4,
		"active_minutes":      3, "pace_calls_per_active_minute": 5.0 / 3, "burst_calls_per_60s": 4,
		"wall_minutes": 154.0 / 60,
	},
	"dddddddd-0000-4000-8000-000000000004": {
		"calls": 4, "turns": 2, "calls_per_turn": 2, "subagent_calls": 1,
		// subagent 6,103; main 16 + 152 + 17,800 + 35,008 = 52,976
		"subagent_token_share": 6103.0 / (6103 + 52976),
		"prefix_tokens":        14004,
		"growth_median_tokens": 204, "growth_mean_tokens": 404, // +604, +204
		"max_context_tokens": 14608, "compactions": 1, "post_compaction_tokens": 12004,
		"output_per_call_tokens": 38, "output_share": 152.0 / 52976,
		// only msg_D5 logged a stop reason: 80 output of 12,288
		"final_output_call_share": 0.25, "output_per_final_call_tokens": 80, "output_share_final_calls": 80.0 / 12288,
		"cache_miss_share": 0, "cache_miss_share_no_pause": 0, "long_gap_share": 0,
		"cache_write_1h_share": 0, // no breakdown: the 5-minute default
		"human_pause_seconds":  255, "human_pause_mean_seconds": 255,
		"tool_seconds": 1, "tool_mean_seconds": 1,
		"call_seconds": 4, "call_mean_seconds": 3.75, // 4, 4, 4, 3
		"first_block_seconds": 3, // 2, 4, 4, 3
		"active_minutes":      2, "pace_calls_per_active_minute": 2, "burst_calls_per_60s": 3,
		"wall_minutes": 303.0 / 60,
	},
	"cccccccc-0000-4000-8000-000000000003": {
		"calls": 1, "turns": 1, "subagent_calls": 0, "subagent_token_share": 0, "prefix_tokens": 15004,
		"max_context_tokens": 15004, "compactions": 0, "output_per_call_tokens": 3, "output_share": 3.0 / 15007,
		"final_output_call_share": 0, "cache_write_1h_share": 0, "call_seconds": 6, "call_mean_seconds": 6,
		"first_block_seconds": 6, "active_minutes": 1, "pace_calls_per_active_minute": 1, "burst_calls_per_60s": 1,
		"wall_minutes": 0.1, "calls_per_turn": 1,
	},
	"eeeeeeee-0000-4000-8000-000000000005": {"subagent_calls": 1},
}

func TestFixtureSessions(t *testing.T) {
	rep := readFixture(t)
	if len(rep.Sessions) != len(fixtureSessions) {
		t.Fatalf("%d sessions, want %d", len(rep.Sessions), len(fixtureSessions))
	}
	for _, s := range rep.Sessions {
		want, ok := fixtureSessions[s.SessionID]
		if !ok {
			t.Errorf("unexpected session %s", s.SessionID)
			continue
		}
		for name, w := range want {
			if got, ok := s.Figures[name]; !ok || !near(got, w) {
				t.Errorf("%s %s = %v (present %v), want %v", s.SessionID[:8], name, got, ok, w)
			}
		}
		for name, got := range s.Figures {
			if _, ok := want[name]; !ok {
				t.Errorf("%s has %s = %v, which it should not", s.SessionID[:8], name, got)
			}
		}
	}
}

func TestFixtureSessionFacts(t *testing.T) {
	rep := readFixture(t)
	want := map[string]struct {
		version, rng, model, project, excluded string
		work                                   bool
	}{
		"aaaaaaaa-0000-4000-8000-000000000001": {"2.0.37", "2.0.x", "claude-sonnet-4-5-20250929", "/home/dev/shop", "", true},
		"bbbbbbbb-0000-4000-8000-000000000002": {"2.1.20", "2.1.x", "claude-opus-4-5-20251101", "/home/dev/shop", "", true},
		"cccccccc-0000-4000-8000-000000000003": {"1.0.51", "1.0.x", "claude-sonnet-4-20250514", "/home/dev/web", "fewer than 3 main-thread calls", false},
		"dddddddd-0000-4000-8000-000000000004": {"1.0.24", "1.0.x", "claude-sonnet-4-20250514", "/home/dev/web", "", true},
		"eeeeeeee-0000-4000-8000-000000000005": {"2.0.28", "2.0.x", "claude-haiku-4-5-20251001", "/home/dev/web", "no main-thread call (subagent calls only)", false},
	}
	var order []string
	for _, s := range rep.Sessions {
		order = append(order, s.SessionID[:1])
		w := want[s.SessionID]
		if s.Version != w.version || s.VersionRange != w.rng || s.Model != w.model || s.Project != w.project ||
			s.ExcludedBecause != w.excluded || s.WorkSession != w.work {
			t.Errorf("%s: got %+v", s.SessionID[:8], s)
		}
	}
	// by first call: D (June 14), C (June 20), A, B, E
	if got := joinInitials(order); got != "dcabe" {
		t.Errorf("order %s, want dcabe", got)
	}
	st := rep.Stats
	// 12 + 17 + 5 + 3 + 12 + 2 lines; one extra block line each in A and D;
	// the replay of msg_B1; D's "lots"
	if st.Files != 6 || st.Lines != 51 || st.DuplicateLines != 2 || st.ReplaysDropped != 1 || st.BadLines != 1 ||
		st.CompactLines != 1 || st.APIErrorLines != 0 {
		t.Errorf("stats %+v", st)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].What != `1 of 12 lines unreadable, skipped (first: line 10: usage.input_tokens is "lots", not a token count)` {
		t.Errorf("problems %+v", rep.Problems)
	}
}

func joinInitials(ids []string) string {
	s := ""
	for _, id := range ids {
		s += id
	}
	return s
}

// The aggregates over the three work sessions A, B and D.
func TestFixtureAggregates(t *testing.T) {
	rep := readFixture(t)
	if rep.SessionsRead != 5 || rep.WorkSessions != 3 || rep.MinWorkCalls != 3 {
		t.Fatalf("sessions %d, work %d, min %d", rep.SessionsRead, rep.WorkSessions, rep.MinWorkCalls)
	}
	if len(rep.Excluded) != 2 || rep.Excluded[0].Sessions != 1 || rep.Excluded[1].Sessions != 1 {
		t.Errorf("excluded %+v", rep.Excluded)
	}
	type agg struct{ median, p10, p90, pooled float64 }
	want := map[string]struct {
		agg
		sessions int
	}{
		// calls 4, 5, 5: ranks ceil(0.1·3)=1, ceil(0.5·3)=2, ceil(0.9·3)=3; pooled mean 14/3
		"calls": {agg{5, 4, 5, 14.0 / 3}, 3},
		// prefixes 14,004, 16,010, 20,003; mean 50,017/3
		"prefix_tokens": {agg{16010, 14004, 20003, 50017.0 / 3}, 3},
		// session medians 204, 699, 700; all nine deltas 204 499 500 604 699 700 798 1,000 1,198: the 5th
		"growth_median_tokens": {agg{699, 204, 700, 699}, 3},
		// session means 404, 733.3, 798.5; all deltas 6,202/9
		"growth_mean_tokens": {agg{2200.0 / 3, 404, 798.5, 6202.0 / 9}, 3},
		// only B logged an auto compaction; B and D have a post-compaction size
		"compaction_threshold_tokens": {agg{21003, 21003, 21003, 21003}, 1},
		"post_compaction_tokens":      {agg{12004, 12004, 18003, 12004}, 2},
		// token-weighted: 3,052 output of 241,324 tokens
		"output_share": {agg{1250.0 / 98165, 152.0 / 52976, 1650.0 / 90183, 3052.0 / 241324}, 3},
		// 1 cold of 9 later calls (4 + 3 + 2)
		"cache_miss_share":             {agg{0, 0, 0.25, 1.0 / 9}, 3},
		"cache_miss_share_after_pause": {agg{1, 1, 1, 1}, 1},
		// 1-hour writes 28,200 of 71,200
		"cache_write_1h_share": {agg{0, 0, 1, 28200.0 / 71200}, 3},
		// pauses 100, 255, 600
		"human_pause_seconds": {agg{255, 100, 600, 255}, 3},
		// all tool times 1 3 4 26 1 1: the 3rd of six
		"tool_seconds":                 {agg{1, 1, 3, 1}, 3},
		"pace_calls_per_active_minute": {agg{2, 5.0 / 3, 2.5, 2}, 3},
		"burst_calls_per_60s":          {agg{3, 3, 4, 4}, 3},
	}
	seen := 0
	for _, f := range rep.Figures {
		w, ok := want[f.Name]
		if !ok {
			continue
		}
		seen++
		if f.Sessions != w.sessions || f.Median == nil || !near(*f.Median, w.median) || !near(*f.P10, w.p10) ||
			!near(*f.P90, w.p90) || f.Pooled == nil || !near(*f.Pooled, w.pooled) {
			t.Errorf("%s: median %v p10 %v p90 %v pooled %v sessions %d; want %+v", f.Name, deref(f.Median), deref(f.P10), deref(f.P90), deref(f.Pooled), f.Sessions, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d figures", seen, len(want))
	}
	if len(rep.Versions) != 3 || rep.Versions[0].Range != "1.0.x" || rep.Versions[1].Range != "2.0.x" || rep.Versions[2].Range != "2.1.x" {
		t.Errorf("versions %+v", rep.Versions)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
