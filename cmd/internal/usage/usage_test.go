package usage_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// The transcripts the usage package's tests are built on; every rule is
// covered there, so here the command is checked end to end on the same data.
var usageFixture = filepath.Join("..", "..", "..", "planner", "usage", "testdata", "logs")

// usageTiers prices with late-2025 list prices and two API tiers, so these
// tests do not depend on the shipped table.
var usageTiers = filepath.Join("testdata", "usage-tiers.yaml")

func runUsageCmd(t *testing.T, env map[string]string, terminal bool, args ...string) cmdtest.Result {
	t.Helper()
	return runCmd(t, env, terminal, append([]string{"usage"}, args...)...)
}

// runCmd runs tierplan in-process with the test tier table.
func runCmd(t *testing.T, env map[string]string, terminal bool, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.RunExact(t, root.Main, env, cmdtest.LogsNow, terminal, append([]string{"--tiers", usageTiers}, args...)...)
}

func TestUsageGoldenOutputs(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"usage-day.txt", []string{"--tz", "UTC"}},
		{"usage-all.txt", []string{"--tz", "UTC", "--by", "day,session,project,model,block,minute", "--top", "3"}},
		{"usage-tokyo-model.md", []string{"--tz", "Asia/Tokyo", "--by", "day,model", "-o", "markdown"}},
		{"usage-session.csv", []string{"--tz", "UTC", "--by", "session", "-o", "csv"}},
		{"usage.json", []string{"--tz", "UTC", "-o", "json"}},
		{"usage.yaml", []string{"--tz", "UTC", "-o", "yaml", "--top", "1"}},
	}
	for _, c := range cases {
		r := runUsageCmd(t, nil, false, append(c.args, usageFixture)...)
		if r.Code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", c.name, r.Code, r.Stderr)
		}
		// Bad lines are reported on stderr, one line per file, and the
		// exit is still 0.
		if strings.Count(r.Stderr, "\n") != 2 || !strings.Contains(r.Stderr, "3 of 16 lines unreadable") ||
			!strings.Contains(r.Stderr, "claude-mystery-9-20260101 is not in the tier table") {
			t.Errorf("%s: stderr %q", c.name, r.Stderr)
		}
		cmdtest.Golden(t, c.name, filepath.ToSlash(r.Stdout))
	}
}

func TestUsageJSONContract(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "-o", "json", usageFixture)
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "totals", "days", "sessions", "projects", "models", "blocks", "unknown_models", "bad_lines", "limit_hits", "peaks"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("json lacks %q", k)
		}
	}
	totals := doc["totals"].(map[string]any)
	want := map[string]float64{"input_tokens": 30, "output_tokens": 2079, "cache_creation_tokens": 17810,
		"cache_read_tokens": 248876, "total_tokens": 268795, "cost_usd": 0.277571}
	for k, v := range want {
		if totals[k] != v {
			t.Errorf("totals.%s = %v, want %v", k, totals[k], v)
		}
	}
}

func TestUsageBadArguments(t *testing.T) {
	cases := map[string][]string{
		"unknown grouping": {"--by", "fortnight"},
		"bad since":        {"--since", "2025-13-01"},
		"bad until":        {"--until", "yesterday"},
		"unknown zone":     {"--tz", "Mars/Olympus"},
		"reversed range":   {"--since", "2025-11-05", "--until", "2025-11-04"},
		"negative top":     {"--top", "-1"},
	}
	for name, args := range cases {
		r := runUsageCmd(t, nil, false, append(args, usageFixture)...)
		if r.Code != cmdutil.ExitUsage || !strings.HasPrefix(r.Stderr, "tierplan: ") || r.Stdout != "" {
			t.Errorf("%s: exit %d, stderr %q", name, r.Code, r.Stderr)
		}
	}
	r := runUsageCmd(t, nil, false, filepath.Join(t.TempDir(), "nope"))
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no such file or directory") {
		t.Errorf("missing path: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runUsageCmd(t, nil, false, t.TempDir())
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no Claude Code transcripts") {
		t.Errorf("empty dir: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

func TestUsageDefaultLocations(t *testing.T) {
	r := runUsageCmd(t, nil, false)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "$HOME is not set") {
		t.Fatalf("no HOME: exit %d, stderr %q", r.Code, r.Stderr)
	}
	home := t.TempDir()
	r = runUsageCmd(t, map[string]string{"HOME": home}, false)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no Claude Code logs found") {
		t.Fatalf("no logs: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runUsageCmd(t, map[string]string{"HOME": home, "CLAUDE_CONFIG_DIR": "/nonexistent, " + usageFixture}, false, "--tz", "UTC", "-o", "json")
	if r.Code != 0 || !strings.Contains(r.Stdout, `"total_tokens": 268795`) {
		t.Fatalf("CLAUDE_CONFIG_DIR: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

func TestUsageSinceUntil(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "--since", "20251105", "--until", "2025-11-05", "-o", "json", usageFixture)
	var rep struct {
		Totals struct {
			Requests int `json:"requests"`
		} `json:"totals"`
		LimitHits []any `json:"limit_hits"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil || rep.Totals.Requests != 1 || len(rep.LimitHits) != 1 {
		t.Fatalf("since/until: %v %+v", err, rep)
	}
}

func TestUsageProgressOnlyOnTerminal(t *testing.T) {
	r := runUsageCmd(t, nil, true, "--tz", "UTC", usageFixture)
	// The walk finds files while the first are read, so the first frame
	// may count fewer than the three there are (cmdutil's progress tests
	// check the bar's counts).
	if !strings.Contains(r.Stderr, "reading ") || !strings.Contains(r.Stderr, " files") {
		t.Errorf("terminal: stderr %q", r.Stderr)
	}
	r = runUsageCmd(t, nil, false, "--tz", "UTC", usageFixture)
	if strings.Contains(r.Stderr, "reading") {
		t.Errorf("not a terminal: stderr %q", r.Stderr)
	}
}

// TestUsageCSVHeaders: every --by grouping's CSV header is snake_case, as
// in every other CSV the tool writes, with the JSON report's names for the
// token columns.
func TestUsageCSVHeaders(t *testing.T) {
	for _, by := range []string{"day", "session", "project", "model", "block", "minute"} {
		r := runUsageCmd(t, nil, false, "--tz", "UTC", "--by", by, "-o", "csv", usageFixture)
		if r.Code != 0 {
			t.Fatalf("--by %s: exit %d, stderr %s", by, r.Code, r.Stderr)
		}
		header, _, _ := strings.Cut(r.Stdout, "\n")
		for _, col := range strings.Split(header, ",") {
			if col == "" || col != strings.ToLower(col) || strings.ContainsAny(col, " -") {
				t.Errorf("--by %s: column %q is not snake_case (header %s)", by, col, header)
			}
		}
		if by != "minute" && !strings.HasSuffix(header, ",requests,input_tokens,output_tokens,cache_write_tokens,cache_read_tokens,total_tokens,cost_usd") {
			t.Errorf("--by %s: header %s", by, header)
		}
	}
}
