package shape

import (
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

// A session of three calls in one turn, used by the file-level tests.
var threeCalls = lines(
	prompt("s", "p1", "10:00:00", "go"),
	reply("s", "m1", "10:00:05", 10000, 0, 100, true),
	toolResult("s", "t1", "10:00:06"),
	reply("s", "m2", "10:00:10", 500, 10000, 100, true),
	toolResult("s", "t2", "10:00:11"),
	reply("s", "m3", "10:00:20", 300, 10500, 100, false),
)

// Files that cannot be read, or only in part, are problems; the rest of
// the read goes on and is measured.
func TestReadBadFiles(t *testing.T) {
	fsys := memFS{
		"a.jsonl": "ERR:permission denied",
		"b.jsonl": "IOERR:" + prompt("b", "bp", "09:00:00", "hi") + "\n{oops}\n",
		"c.jsonl": threeCalls + `{"type":"user","timestamp"`,
		"d.jsonl": "not json\n[1]\n" + threeCalls,
	}
	files := []usage.LogFile{logFile("a.jsonl", "a"), logFile("b.jsonl", "b"), logFile("c.jsonl", "s"), logFile("d.jsonl", "s")}
	c := Read(fsys, files, ReadOptions{})
	want := []usage.Problem{
		{Path: "a.jsonl", What: "permission denied"},
		{Path: "b.jsonl", What: "input/output error after 2 lines (the lines before were read); 1 of 2 lines unreadable, skipped (first: line 2: invalid JSON"},
		{Path: "c.jsonl", What: "1 of 7 lines unreadable, skipped (first: line 7: incomplete last line: invalid JSON: cannot parse JSON: cannot parse object: missing ':' after object key; unparsed tail:…)" +
			"; the last line is incomplete (file cut short or still being written)"},
		{Path: "d.jsonl", What: `2 of 8 lines unreadable, skipped (first: line 1: invalid JSON: cannot parse JSON: unexpected value found: "not json"; unparsed tail: "not json")`},
	}
	if len(c.Problems) != len(want) {
		t.Fatalf("problems %+v", c.Problems)
	}
	for i := range want {
		if c.Problems[i].Path != want[i].Path || !strings.HasPrefix(c.Problems[i].What, want[i].What) {
			t.Errorf("problem %d: %+v, want %+v", i, c.Problems[i], want[i])
		}
	}
	if c.Stats.Files != 4 || c.Stats.BadLines != 4 || c.Stats.Lines != 2+7+8 {
		t.Errorf("stats %+v", c.Stats)
	}
	// d.jsonl repeats c.jsonl: every call and user line is counted once
	rep := Analyze(c, Options{MinWorkCalls: 1})
	s := sessionByID(t, rep, "s")
	if s.Figures["calls"] != 3 || s.Figures["turns"] != 1 {
		t.Errorf("session s: %v", s.Figures)
	}
}

// A line past the bound is skipped and reported; the file goes on.
func TestReadTooLongLine(t *testing.T) {
	defer func(n int) { maxLineBytes = n }(maxLineBytes)
	maxLineBytes = 1 << 20
	huge := `{"type":"user","sessionId":"s","timestamp":"` + at("10:00:05") + `","message":{"content":[{"type":"tool_result","content":"` + strings.Repeat("x", 2<<20) + `"}]}}`
	fsys := memFS{"s.jsonl": lines(prompt("s", "p", "10:00:00", "go"), reply("s", "m1", "10:00:04", 9000, 0, 10, true), huge, reply("s", "m2", "10:00:09", 500, 9000, 10, false))}
	c := Read(fsys, []usage.LogFile{logFile("s.jsonl", "s")}, ReadOptions{})
	if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].What, "line 3: line longer than 1 MiB, skipped") {
		t.Fatalf("problems %+v", c.Problems)
	}
	s := sessionByID(t, Analyze(c, Options{MinWorkCalls: 1}), "s")
	// the call after the skipped line has no known trigger: no duration, no tool time
	if s.Figures["calls"] != 2 || s.Figures["call_mean_seconds"] != 4 || hasFigure(s, "tool_seconds") {
		t.Errorf("figures %v", s.Figures)
	}
}

func hasFigure(s SessionShape, name string) bool {
	_, ok := s.Figures[name]
	return ok
}

// A resumed session continues in a second file, which may come first by
// path: files are ordered by their first line's time, lines within a file
// by their order. Copied lines (same uuid, same reply) count once.
func TestReadSessionAcrossFiles(t *testing.T) {
	first := lines(
		prompt("s", "p1", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 100, true),
		toolResult("s", "t1", "10:00:06"),
		reply("s", "m2", "10:00:10", 500, 10000, 100, false),
	)
	second := lines(
		prompt("s", "p1", "10:00:00", "go"), // copied history
		reply("s", "m2", "10:00:10", 500, 10000, 100, false),
		prompt("s", "p2", "10:30:00", "more"),
		reply("s", "m3", "10:30:04", 11000, 0, 100, false),
	)
	fsys := memFS{"0-resumed.jsonl": second, "1-original.jsonl": first}
	rep := analyze(t, fsys, []usage.LogFile{logFile("0-resumed.jsonl", "s"), logFile("1-original.jsonl", "s")}, ReadOptions{})
	s := sessionByID(t, rep, "s")
	// prefix from the original file; m3 is a miss after a 30-minute pause
	if s.Figures["calls"] != 3 || s.Figures["turns"] != 2 || s.Figures["prefix_tokens"] != 10001 ||
		s.Figures["human_pause_seconds"] != 1790 || s.Figures["cache_miss_share_after_pause"] != 1 {
		t.Errorf("figures %v", s.Figures)
	}
	if rep.Stats.DuplicateLines != 2 {
		t.Errorf("duplicates %d, want 2", rep.Stats.DuplicateLines)
	}
}

// Lines without a session id belong to the session their file names.
func TestReadSessionFallback(t *testing.T) {
	noID := strings.ReplaceAll(threeCalls, `"sessionId":"s",`, "")
	rep := analyze(t, memFS{"f.jsonl": noID}, []usage.LogFile{logFile("f.jsonl", "from-path")}, ReadOptions{})
	if s := sessionByID(t, rep, "from-path"); s.Figures["calls"] != 3 || s.Project != "-p" {
		t.Errorf("session %+v", s)
	}
}

// --since and --until keep sessions by their first call; files last
// modified before --since are not opened.
func TestReadSinceUntil(t *testing.T) {
	day := func(d string) string { return strings.ReplaceAll(threeCalls, "2025-11-03", d) }
	fsys := memFS{"1.jsonl": strings.ReplaceAll(day("2025-11-01"), `"s"`, `"one"`), "2.jsonl": strings.ReplaceAll(day("2025-11-02"), `"s"`, `"two"`), "3.jsonl": strings.ReplaceAll(day("2025-11-03"), `"s"`, `"three"`)}
	files := []usage.LogFile{logFile("1.jsonl", "one"), logFile("2.jsonl", "two"), logFile("3.jsonl", "three")}
	old := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range files {
		files[i].ModTime = old.AddDate(0, 1, i) // Nov 1, Dec 1, Jan 1
	}
	opt := ReadOptions{Since: time.Date(2025, 11, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)}
	c := Read(fsys, files, opt)
	rep := Analyze(c, Options{MinWorkCalls: 1})
	if c.Stats.FilesSkipped != 1 || len(rep.Sessions) != 1 || rep.Sessions[0].SessionID != "two" {
		t.Errorf("skipped %d, sessions %+v", c.Stats.FilesSkipped, rep.Sessions)
	}
}

// Subagent calls stay out of the main thread; a sidechain replay of a main
// reply is dropped; Claude Code's own error lines are counted, not calls.
func TestReadSubagents(t *testing.T) {
	side := func(l string) string { return strings.Replace(l, `{"type"`, `{"isSidechain":true,"type"`, 1) }
	main := lines(
		prompt("s", "p1", "10:00:00", "go"),
		reply("s", "m1", "10:00:05", 10000, 0, 100, true),
		side(prompt("s", "sp", "10:00:06", "subtask")),
		side(reply("s", "sub1", "10:00:08", 3000, 0, 50, false)),
		side(strings.Replace(reply("s", "m1", "10:00:09", 10000, 0, 100, false), `"requestId":"r-m1"`, `"requestId":"r-other"`, 1)),
		`{"type":"assistant","isApiErrorMessage":true,"sessionId":"s","timestamp":"`+at("10:00:10")+`","message":{"model":"<synthetic>","usage":{"input_tokens":0},"content":[{"type":"text","text":"API Error: 529"}]}}`,
		toolResult("s", "t1", "10:00:20"),
		reply("s", "m2", "10:00:25", 500, 10000, 100, false),
	)
	sub := lines(reply("s", "sub2", "10:00:12", 2000, 1000, 40, false))
	files := []usage.LogFile{logFile("s.jsonl", "s"), {Path: "s/subagents/agent-x.jsonl", Session: "s", Subagent: true}}
	rep := analyze(t, memFS{"s.jsonl": main, "s/subagents/agent-x.jsonl": sub}, files, ReadOptions{})
	s := sessionByID(t, rep, "s")
	// the subagent's prompt is not a human prompt: one turn; tool time 15 s
	if s.Figures["calls"] != 2 || s.Figures["subagent_calls"] != 2 || s.Figures["turns"] != 1 || s.Figures["tool_seconds"] != 15 {
		t.Errorf("figures %v", s.Figures)
	}
	if s.SubagentTokens.Total() != 3051+3041 || rep.Stats.ReplaysDropped != 1 || rep.Stats.APIErrorLines != 1 {
		t.Errorf("subagent tokens %d, stats %+v", s.SubagentTokens.Total(), rep.Stats)
	}
}
