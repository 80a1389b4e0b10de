package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The transcripts the usage package's tests are built on; every rule is
// covered there, so here the command is checked end to end on the same data.
var usageFixture = filepath.Join("..", "..", "..", "planner", "usage", "testdata", "logs")

// checkUsageGolden compares output with testdata/golden/name, or rewrites
// it with -update.

// usageTiers prices with late-2025 list prices and two API tiers, so these
// tests do not depend on the shipped table.
var usageTiers = filepath.Join("testdata", "usage-tiers.yaml")

type usageRun struct {
	code           int
	stdout, stderr string
}

func runUsageCmd(t *testing.T, env map[string]string, terminal bool, args ...string) usageRun {
	t.Helper()
	return runCmd(t, env, terminal, append([]string{"usage"}, args...)...)
}

// runCmd runs tierplan in-process with the test tier table.
func runCmd(t *testing.T, env map[string]string, terminal bool, args ...string) usageRun {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"--tiers", usageTiers}, args...), Env{
		Stdout: &out, Stderr: &errb,
		Getenv:           func(k string) string { return env[k] },
		Now:              func() time.Time { return time.Date(2025, 11, 6, 12, 0, 0, 0, time.UTC) },
		StderrIsTerminal: terminal,
	})
	return usageRun{code, out.String(), errb.String()}
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
		if r.code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", c.name, r.code, r.stderr)
		}
		// Bad lines are reported on stderr, one line per file, and the
		// exit is still 0.
		if strings.Count(r.stderr, "\n") != 2 || !strings.Contains(r.stderr, "3 of 16 lines unreadable") ||
			!strings.Contains(r.stderr, "claude-mystery-9-20260101 is not in the tier table") {
			t.Errorf("%s: stderr %q", c.name, r.stderr)
		}
		golden(t, c.name, filepath.ToSlash(r.stdout))
	}
}

func TestUsageJSONContract(t *testing.T) {
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "-o", "json", usageFixture)
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
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
		"unknown grouping": {"--by", "week"},
		"bad since":        {"--since", "2025-13-01"},
		"bad until":        {"--until", "yesterday"},
		"unknown zone":     {"--tz", "Mars/Olympus"},
		"reversed range":   {"--since", "2025-11-05", "--until", "2025-11-04"},
		"negative top":     {"--top", "-1"},
	}
	for name, args := range cases {
		r := runUsageCmd(t, nil, false, append(args, usageFixture)...)
		if r.code != ExitUsage || !strings.HasPrefix(r.stderr, "tierplan: ") || r.stdout != "" {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	r := runUsageCmd(t, nil, false, filepath.Join(t.TempDir(), "nope"))
	if r.code != ExitError || !strings.Contains(r.stderr, "no such file or directory") {
		t.Errorf("missing path: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runUsageCmd(t, nil, false, t.TempDir())
	if r.code != ExitError || !strings.Contains(r.stderr, "no Claude Code transcripts") {
		t.Errorf("empty dir: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestUsageDefaultLocations(t *testing.T) {
	r := runUsageCmd(t, nil, false)
	if r.code != ExitError || !strings.Contains(r.stderr, "$HOME is not set") {
		t.Fatalf("no HOME: exit %d, stderr %q", r.code, r.stderr)
	}
	home := t.TempDir()
	r = runUsageCmd(t, map[string]string{"HOME": home}, false)
	if r.code != ExitError || !strings.Contains(r.stderr, "no Claude Code logs found") {
		t.Fatalf("no logs: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runUsageCmd(t, map[string]string{"HOME": home, "CLAUDE_CONFIG_DIR": "/nonexistent, " + usageFixture}, false, "--tz", "UTC", "-o", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"total_tokens": 268795`) {
		t.Fatalf("CLAUDE_CONFIG_DIR: exit %d, stderr %q", r.code, r.stderr)
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
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Totals.Requests != 1 || len(rep.LimitHits) != 1 {
		t.Fatalf("since/until: %v %+v", err, rep)
	}
}

func TestUsageProgressOnlyOnTerminal(t *testing.T) {
	r := runUsageCmd(t, nil, true, "--tz", "UTC", usageFixture)
	if !strings.Contains(r.stderr, "reading ") || !strings.Contains(r.stderr, " of 3 files") {
		t.Errorf("terminal: stderr %q", r.stderr)
	}
	r = runUsageCmd(t, nil, false, "--tz", "UTC", usageFixture)
	if strings.Contains(r.stderr, "reading") {
		t.Errorf("not a terminal: stderr %q", r.stderr)
	}
}

// TestUsageCSVHeaders: every --by grouping's CSV header is snake_case, as
// in every other CSV the tool writes, with the JSON report's names for the
// token columns.
func TestUsageCSVHeaders(t *testing.T) {
	for _, by := range []string{"day", "session", "project", "model", "block", "minute"} {
		r := runUsageCmd(t, nil, false, "--tz", "UTC", "--by", by, "-o", "csv", usageFixture)
		if r.code != 0 {
			t.Fatalf("--by %s: exit %d, stderr %s", by, r.code, r.stderr)
		}
		header, _, _ := strings.Cut(r.stdout, "\n")
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
