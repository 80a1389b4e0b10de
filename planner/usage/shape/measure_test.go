package shape

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

func measureLines(t *testing.T, ls ...string) SessionShape {
	t.Helper()
	rep := analyze(t, memFS{"s.jsonl": lines(ls...)}, []usage.LogFile{logFile("s.jsonl", "s")}, ReadOptions{})
	return sessionByID(t, rep, "s")
}

func user(hms, fields string) string {
	return fmt.Sprintf(`{"type":"user","sessionId":"s","timestamp":%q,%s}`, at(hms), fields)
}

func compact(hms, trigger string, pre int) string {
	return fmt.Sprintf(`{"type":"system","subtype":"compact_boundary","sessionId":"s","timestamp":%q,"compactMetadata":{"trigger":%q,"preTokens":%d}}`, at(hms), trigger, pre)
}

// expect checks some figures of a session, and that the listed ones are absent.
func expect(t *testing.T, name string, s SessionShape, want map[string]float64, absent ...string) {
	t.Helper()
	for k, w := range want {
		if got, ok := s.Figures[k]; !ok || !near(got, w) {
			t.Errorf("%s: %s = %v (present %v), want %v", name, k, got, ok, w)
		}
	}
	for _, k := range absent {
		if got, ok := s.Figures[k]; ok {
			t.Errorf("%s: %s = %v, want none", name, k, got)
		}
	}
}

func TestTurns(t *testing.T) {
	// a prompt typed while a tool runs (queued) starts a new turn at once
	queued := measureLines(t,
		prompt("s", "", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 10, true),
		prompt("s", "", "10:00:07", "also do this"),
		toolResult("s", "", "10:00:08"),
		reply("s", "m2", "10:00:12", 500, 10000, 10, false),
	)
	// the queued prompt is human input: no tool time is taken for m2
	expect(t, "queued", queued, map[string]float64{"turns": 2, "human_pause_seconds": 2, "call_seconds": 4}, "tool_seconds")

	// local commands, interrupts and meta lines are not prompts; a slash
	// command that a call follows is one
	commands := measureLines(t,
		prompt("s", "", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 10, true),
		user("10:00:09", `"message":{"content":[{"type":"tool_result","tool_use_id":"t","is_error":true}]}`),
		user("10:00:09.5", `"message":{"content":[{"type":"text","text":"[Request interrupted by user for tool use]"}]}`),
		user("10:01:00", `"message":{"content":"<command-name>/model</command-name>"}`),
		user("10:01:00.1", `"message":{"content":"<local-command-stdout>Set model</local-command-stdout>"}`),
		user("10:01:30", `"message":{"content":"<command-name>/review</command-name>"}`),
		user("10:01:30.1", `"isMeta":true,"message":{"content":"Review the diff."}`),
		reply("s", "m2", "10:01:35", 600, 10000, 10, true),
		toolResult("s", "", "10:01:36"),
		user("10:01:37", `"isMeta":true,"message":{"content":"hook says: run the linter"}`),
		reply("s", "m3", "10:01:40", 400, 10600, 10, false),
	)
	// pause from m1's end to the last human input (/review); m3 is triggered
	// by the hook's meta line: same turn, no tool time, duration from it
	expect(t, "commands", commands, map[string]float64{"turns": 2, "human_pause_seconds": 85, "call_seconds": 3, "calls_per_turn": 1.5}, "tool_seconds")

	// a session whose first line is not a prompt (resumed mid-loop): one
	// turn, and the first call's duration is unknown
	resumed := measureLines(t,
		reply("s", "m1", "10:00:05", 10000, 0, 10, true),
		toolResult("s", "", "10:00:06"),
		reply("s", "m2", "10:00:10", 500, 10000, 10, false),
	)
	expect(t, "resumed", resumed, map[string]float64{"turns": 1, "tool_seconds": 1, "call_seconds": 4, "wall_minutes": 5.0 / 60}, "human_pause_seconds")
}

func TestCompactions(t *testing.T) {
	s := measureLines(t,
		prompt("s", "", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 150000, 0, 10, true),
		toolResult("s", "", "10:00:06"),
		compact("10:00:07", "manual", 150500),
		reply("s", "m2", "10:00:30", 20000, 10000, 10, true), // post-compaction 30,001
		toolResult("s", "", "10:00:31"),
		reply("s", "m3", "10:00:35", 1000, 30001, 10, true), // 31,002: +1,001
		toolResult("s", "", "10:00:36"),
		compact("10:00:37", "auto", 31500),
		user("10:00:37.5", `"isCompactSummary":true,"message":{"content":"summary"}`),
	)
	// the manual compaction is no threshold; the last, with no call after
	// it, has no post-compaction size; the summary line is the same one
	expect(t, "compactions", s, map[string]float64{
		"compactions": 2, "compaction_threshold_tokens": 31002,
		"compaction_pre_tokens":  31500, // nearest-rank median of 31,500 and 150,500: the lower
		"post_compaction_tokens": 30001, "growth_median_tokens": 1001, "cache_miss_share": 0,
	})
}

// Cache misses: a later call writing over half its context, split by the
// time since the previous request (a 5-minute cache outlives 5 minutes).
func TestCacheMisses(t *testing.T) {
	s := measureLines(t,
		prompt("s", "", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 10, false),
		prompt("s", "", "10:04:59", "next"),                   // 299 s after m1's request
		reply("s", "m2", "10:05:03", 10500, 0, 10, false),     // cold, within 5 min
		prompt("s", "", "10:10:00", "later"),                  // 301 s after
		reply("s", "m3", "10:10:04", 10000, 10500, 10, false), // warm after a pause (1-hour cache)
		prompt("s", "", "10:20:00", "again"),
		reply("s", "m4", "10:20:04", 20501, 0, 10, false), // exactly half and one: cold
	)
	expect(t, "misses", s, map[string]float64{
		"cache_miss_share": 2.0 / 3, "cache_miss_share_no_pause": 1, "cache_miss_share_after_pause": 0.5, "long_gap_share": 2.0 / 3,
	})
}

// Times come from the client's clock: a reply stamped before its trigger,
// or a tool result before the reply, gives no sample rather than a negative.
func TestClockOddities(t *testing.T) {
	s := measureLines(t,
		prompt("s", "", "10:00:10", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 10, true), // before its prompt
		toolResult("s", "", "10:00:06"),
		reply("s", "m2", "10:00:20", 500, 10000, 10, false),
	)
	// sorted by time: m1, tool result, prompt, m2, so the prompt triggers m2
	expect(t, "clock", s, map[string]float64{"calls": 2, "turns": 2, "call_seconds": 10, "human_pause_seconds": 5}, "tool_seconds")
}

func TestTimingHelpers(t *testing.T) {
	base := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	sec := func(s ...float64) []time.Time {
		var out []time.Time
		for _, x := range s {
			out = append(out, base.Add(time.Duration(x*float64(time.Second))))
		}
		return out
	}
	cases := []struct {
		ends          []time.Time
		active, burst int
	}{
		{nil, 0, 0},
		{sec(0), 1, 1},
		{sec(0, 59.999), 1, 2},
		{sec(0, 60), 2, 1},            // a window is [t, t+60 s)
		{sec(50, 70, 100, 115), 2, 3}, // [50, 110) and [70, 130) hold three each
		{sec(115, 50, 100, 70), 2, 3}, // in any order
		{sec(55, 62, 64, 66), 2, 4},   // a burst across two clock minutes
		{sec(0, 10, 20, 65, 70, 75, 80, 85), 2, 5},
	}
	for i, c := range cases {
		if a, b := activeMinutes(c.ends), burst(c.ends); a != c.active || b != c.burst {
			t.Errorf("case %d: active %d burst %d, want %d %d", i, a, b, c.active, c.burst)
		}
	}
	// before 1970 a minute still floors down
	if got := activeMinutes([]time.Time{time.Unix(-1, 0), time.Unix(-59, 0), time.Unix(-61, 0)}); got != 2 {
		t.Errorf("active minutes before 1970: %d, want 2", got)
	}
}

func TestPercentile(t *testing.T) {
	v := []float64{15, 20, 35, 40, 50}
	cases := []struct{ q, want float64 }{{0, 15}, {0.1, 15}, {0.3, 20}, {0.4, 20}, {0.5, 35}, {0.9, 50}, {1, 50}}
	for _, c := range cases {
		if got := percentile(v, c.q); got != c.want {
			t.Errorf("p%.0f = %v, want %v", 100*c.q, got, c.want)
		}
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2 {
		t.Errorf("median of 4 = %v, want the lower middle 2", got)
	}
	if v[0] != 15 || v[4] != 50 {
		t.Error("percentile sorted its input in place")
	}
}

func TestVersionRange(t *testing.T) {
	cases := map[string]string{"2.0.31": "2.0.x", "1.0.128": "1.0.x", "2.1": "2.1.x", "10.2.3-beta": "10.2.x",
		"": "unknown", "2": "unknown", "v2.0.1": "unknown", "2.x.1": "unknown", "\x1b[31m.0": "unknown"}
	for in, want := range cases {
		if got := versionRange(in); got != want {
			t.Errorf("versionRange(%q) = %q, want %q", in, got, want)
		}
	}
	got := sortedRanges(map[string][]*measure{"unknown": nil, "2.1.x": nil, "10.0.x": nil, "2.0.x": nil, "1.0.x": nil})
	if strings.Join(got, " ") != "1.0.x 2.0.x 2.1.x 10.0.x unknown" {
		t.Errorf("ranges sorted %v", got)
	}
}
