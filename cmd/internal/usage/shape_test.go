package usage_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// The fixture history of the shape package; its figures are worked out by
// hand there, so here the command is checked end to end on it.
var shapeFixture = filepath.Join("..", "..", "..", "planner", "usage", "shape", "testdata", "history")

func TestUsageShapeGoldenOutputs(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"usage-shape.txt", nil},
		{"usage-shape-all.txt", []string{"--by", "session,version"}},
		{"usage-shape-version.md", []string{"--by", "version", "-o", "markdown"}},
		{"usage-shape.csv", []string{"-o", "csv"}},
		{"usage-shape-session.csv", []string{"--by", "session,version", "-o", "csv"}},
		{"usage-shape-version.csv", []string{"--by", "version", "-o", "csv"}},
		{"usage-shape.json", []string{"-o", "json"}},
		{"usage-shape.yaml", []string{"-o", "yaml"}},
	}
	for _, c := range cases {
		r := runUsageCmd(t, nil, false, append([]string{"--shape", "--tz", "UTC"}, append(c.args, shapeFixture)...)...)
		if r.Code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", c.name, r.Code, r.Stderr)
		}
		// the fixture's one bad line is reported on stderr, once
		if strings.Count(r.Stderr, "\n") != 1 || !strings.Contains(r.Stderr, `1 of 12 lines unreadable, skipped (first: line 10: usage.input_tokens is "lots", not a token count)`) {
			t.Errorf("%s: stderr %q", c.name, r.Stderr)
		}
		cmdtest.Golden(t, c.name, filepath.ToSlash(r.Stdout))
	}
}

func TestUsageShapeJSONContract(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--shape", "-o", "json", shapeFixture)
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		WorkSessions  int    `json:"work_sessions"`
		MinWorkCalls  int    `json:"min_work_calls"`
		Excluded      []any  `json:"excluded"`
		Versions      []any  `json:"versions"`
		Problems      []any  `json:"problems"`
		WorkRule      string `json:"work_session_rule"`
		Figures       []struct {
			Name     string   `json:"name"`
			Median   *float64 `json:"median"`
			Sessions int      `json:"sessions"`
		} `json:"figures"`
		Sessions []struct {
			SessionID string             `json:"session_id"`
			Figures   map[string]float64 `json:"figures"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.WorkSessions != 3 || doc.MinWorkCalls != 3 || len(doc.Excluded) != 2 ||
		len(doc.Versions) != 3 || len(doc.Problems) != 1 || len(doc.Sessions) != 5 || doc.WorkRule == "" {
		t.Errorf("report %+v", doc)
	}
	for _, f := range doc.Figures {
		if f.Name == "prefix_tokens" && (f.Median == nil || *f.Median != 16010 || f.Sessions != 3) {
			t.Errorf("prefix_tokens %+v", f)
		}
	}
}

// --min-calls moves the line between work sessions and the rest.
func TestUsageShapeMinCalls(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--shape", "--min-calls", "5", "-o", "json", shapeFixture)
	var doc struct {
		WorkSessions int `json:"work_sessions"`
		Excluded     []struct {
			Reason   string `json:"reason"`
			Sessions int    `json:"sessions"`
		} `json:"excluded"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil || doc.WorkSessions != 2 ||
		len(doc.Excluded) != 2 || doc.Excluded[1].Reason != "fewer than 5 main-thread calls" || doc.Excluded[1].Sessions != 2 {
		t.Errorf("--min-calls 5: %v %+v", err, doc)
	}
}

// --since and --until keep the sessions whose first call lies within them.
func TestUsageShapeSinceUntil(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--shape", "--tz", "UTC", "--since", "2025-11-01", "--until", "2025-11-04", "-o", "json", shapeFixture)
	var doc struct {
		Sessions []struct {
			SessionID string `json:"session_id"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil || len(doc.Sessions) != 2 ||
		doc.Sessions[0].SessionID[:1] != "a" || doc.Sessions[1].SessionID[:1] != "b" {
		t.Errorf("since/until: %v %+v", err, doc)
	}
}

func TestUsageShapeBadArguments(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"usage grouping", []string{"--shape", "--by", "day"}, `--by "day" does not apply with --shape: valid values are session, version`},
		{"unknown grouping", []string{"--shape", "--by", "session,week"}, `--by "week" does not apply with --shape`},
		{"top", []string{"--shape", "--top", "3"}, "--top lists peak minutes; it does not apply with --shape"},
		{"min calls zero", []string{"--shape", "--min-calls", "0"}, "--min-calls must be 1 or more, not 0"},
		{"min calls alone", []string{"--min-calls", "4"}, "--min-calls applies only with --shape"},
		{"bad since", []string{"--shape", "--since", "2025-13-01"}, `--since "2025-13-01"`},
		{"unknown zone", []string{"--shape", "--tz", "Mars/Olympus"}, `--tz "Mars/Olympus"`},
	}
	for _, c := range cases {
		r := runUsageCmd(t, nil, false, append(c.args, shapeFixture)...)
		if r.Code != cmdutil.ExitUsage || !strings.Contains(r.Stderr, "tierplan: "+c.want) || r.Stdout != "" {
			t.Errorf("%s: exit %d, stderr %q", c.name, r.Code, r.Stderr)
		}
	}
	r := runUsageCmd(t, nil, false, "--shape", filepath.Join(t.TempDir(), "nope"))
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no such file or directory") {
		t.Errorf("missing path: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runUsageCmd(t, nil, false, "--shape", t.TempDir())
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no Claude Code transcripts") {
		t.Errorf("empty dir: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// Text from the transcripts never reaches the terminal with control
// characters in it.
func TestUsageShapeEscapesText(t *testing.T) {
	dir := t.TempDir()
	evil := "\x1b]0;pwned\x07"
	line := `{"type":"assistant","sessionId":"s` + evil + `","version":"2.0.1` + evil + `","timestamp":"2025-11-03T10:00:00.000Z",` +
		`"message":{"id":"m","stop_reason":"end_turn","usage":{"input_tokens":5}}}`
	cmdtest.WriteFile(t, filepath.Join(dir, "x.jsonl"), []byte(line+"\n"), 0o644)
	r := runUsageCmd(t, nil, false, "--shape", "--by", "session", "--min-calls", "1", dir)
	if r.Code != 0 || strings.ContainsAny(r.Stdout, "\x1b\x07") || !strings.Contains(r.Stdout, "2.0.1?]0;pwned?") {
		t.Errorf("exit %d, stdout %q", r.Code, r.Stdout)
	}
}

// The README's --shape example is this command's real output, from the
// repository root.
func TestUsageShapeREADMEExample(t *testing.T) {
	const cmd = "$ tierplan usage --shape planner/usage/shape/testdata/history\n"
	t.Chdir(filepath.Join("..", "..", ".."))
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), cmd)
	example, _, ok2 := strings.Cut(after, "```\n")
	if !ok || !ok2 {
		t.Fatal("the README has no --shape example")
	}
	r := cmdtest.RunExact(t, root.Main, nil, cmdtest.LogsNow, false, "usage", "--shape", "planner/usage/shape/testdata/history")
	if got := r.Stderr + r.Stdout; r.Code != 0 || got != example {
		t.Errorf("exit %d; the README example differs from the output:\n%s", r.Code, got)
	}
}
