package simulate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/tiers"
)

// goldenArgs is a small throttled day: six developers meeting at 9:00 on
// Tier 1, with a two-hour working day so every table stays short.
var goldenArgs = []string{"simulate", "--tier", "tier-1", "--devs", "6", "--sessions", "2", "--tokens", "400k",
	"--hours", "2", "--arrival", "standup", "--seed", "7"}

// Every output format of one run matches its golden file.
func TestSimulateGolden(t *testing.T) {
	for _, f := range []string{"table", "json", "yaml", "csv", "markdown"} {
		t.Run(f, func(t *testing.T) {
			out, errOut, code := runWithTable(t, cmdtest.SimTable(), append(goldenArgs, "-o", f)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			cmdtest.Golden(t, "day."+f, out)
		})
	}
	for name, extra := range map[string][]string{
		"compare":             {"--compare-retries", "--ignore-retry-after"},
		"compare-retry-after": {"--compare-retries"},
		"runs":                {"--runs", "5"},
		"window-1s":           {"--window", "1s", "--policy", "sdk"},
		"legacy":              {"--tier", "legacy", "--days", "2"},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), extra...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			cmdtest.Golden(t, name+".table", out)
		})
	}
}

// The same seed gives byte-identical output; another seed does not.
func TestSimulateSameSeedSameBytes(t *testing.T) {
	args := append(append([]string{}, goldenArgs...), "--arrival", "poisson", "--runs", "3", "-o", "json")
	a, _, _ := runWithTable(t, cmdtest.SimTable(), args...)
	b, _, _ := runWithTable(t, cmdtest.SimTable(), args...)
	if a != b || a == "" {
		t.Fatal("two runs with the same seed printed different bytes")
	}
	c, _, _ := runWithTable(t, cmdtest.SimTable(), append(args, "--seed", "8")...)
	if c == a {
		t.Fatal("another seed printed the same bytes")
	}
}

// The JSON contract: schema_version and the fields at the top level.
func TestSimulateJSONContract(t *testing.T) {
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--compare-retries", "-o", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "attempted", "succeeded", "abandoned", "rejected_429",
		"wait_p50_s", "wait_p95_s", "wait_p99_s", "session_wait_p95_s", "rejected_429_per_hour", "makespan_s",
		"unthrottled_makespan_s", "day_longer_pct", "hours", "limits", "simulation", "compare_retries"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	rows, _ := doc["compare_retries"].([]any)
	// Each policy that honours retry-after runs again without it.
	want := []string{"none", "sdk", "sdk (no retry-after)", "claude-code", "claude-code (no retry-after)",
		"full-jitter", "full-jitter (no retry-after)", "equal-jitter", "equal-jitter (no retry-after)",
		"decorrelated", "decorrelated (no retry-after)"}
	if len(rows) != len(want) {
		t.Fatalf("compare_retries has %d rows, want %d", len(rows), len(want))
	}
	for i, want := range want {
		if got := rows[i].(map[string]any)["policy"]; got != want {
			t.Errorf("row %d is %v, want %s", i, got, want)
		}
	}
}

// --timeline writes one CSV row per active step, replacing an old file only
// once the run is done, and leaves no temporary file behind.
func TestSimulateTimeline(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "day.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--timeline", path, "--timeline-step", "1m")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if lines[0] != "day,time,requests,admitted,rejected_429,input_tokens,output_tokens,active_sessions,rpm_bucket_full,itpm_bucket_full,otpm_bucket_full" {
		t.Fatalf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "1,09:00:00,") || len(lines) < 30 {
		t.Fatalf("%d lines, first row %q", len(lines), lines[1])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("the directory holds %d files, want only the timeline", len(entries))
	}
	// An unwritable place fails cleanly, with no output file.
	_, errOut, code = runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--timeline", filepath.Join(dir, "missing", "x.csv"))...)
	if code != 1 || !strings.HasPrefix(errOut, "tierplan: --timeline ") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// Bad input: one clear line on stderr, the right exit code, never a panic.
func TestSimulateBadInput(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"simulate"}, 2, "--tier is required"},
		{[]string{"simulate", "--tier", "tier-9"}, 2, `no tier named "tier-9"`},
		{[]string{"simulate", "--tier", "custom"}, 1, "negotiated"},
		{[]string{"simulate", "--tier", "tier-1", "--policy", "exponential"}, 2, "unknown retry policy"},
		{[]string{"simulate", "--tier", "tier-1", "--arrival", "burst"}, 2, "is not an arrival pattern"},
		{[]string{"simulate", "--tier", "tier-1", "--window", "0s"}, 2, "--window"},
		{[]string{"simulate", "--tier", "tier-1", "--window", "2h"}, 2, "--window"},
		{[]string{"simulate", "--tier", "tier-1", "--days", "0"}, 2, "--days"},
		{[]string{"simulate", "--tier", "tier-1", "--runs", "0"}, 2, "--runs"},
		{[]string{"simulate", "--tier", "tier-1", "--start", "25:00"}, 2, "--start"},
		{[]string{"simulate", "--tier", "tier-1", "--start", "9"}, 2, "--start"},
		{[]string{"simulate", "--tier", "tier-1", "--tokens", "abc"}, 2, "--tokens"},
		{[]string{"simulate", "--tier", "tier-1", "--devs", "-3"}, 2, "--devs"},
		{[]string{"simulate", "--tier", "tier-1", "--model", "gpt"}, 1, `unknown model "gpt"`},
		{[]string{"simulate", "--tier", "tier-1", "--compare-retries", "--runs", "3"}, 2, "cannot be combined"},
		{[]string{"simulate", "--tier", "tier-1", "extra"}, 2, "unknown command"},
		{[]string{"simulate", "--tier", "tier-1", "--max-retries", "5000"}, 2, "--max-retries must be 0 to 1000"},
		{[]string{"simulate", "--tier", "tier-1", "--retry-base", "10s", "--retry-cap", "1s"}, 2, "below the base"},
		{[]string{"simulate", "--tier", "tier-1", "--mix", "sonnet=0.5,opus=0.5"}, 1, `unknown model "opus"`},
		{[]string{"simulate", "--tier", "tier-1", "--timeline-step", "0s", "--timeline", "x.csv"}, 2, "--timeline-step"},
		{[]string{"simulate", "--tier", "tier-1", "--spent", "-1"}, 2, "--spent"},
		{[]string{"simulate", "--tier", "tier-1", "--token-spread", "9"}, 2, "--token-spread"},
		{[]string{"simulate", "--tier", "tier-1", "--seed", "-1"}, 2, "seed"},
		{[]string{"simulate", "--tier", "tier-1", "--devs", "10000", "--sessions", "10", "--days", "30"}, 1, "million sessions"},
		{[]string{"simulate", "--tier", "tier-1", "-f", "no-such-file.yaml"}, 1, "no-such-file.yaml"},
		{[]string{"simulate", "--tier", "tier-1", "--window", "2h"}, 2, `invalid value for --window: "2h": must be at most 1h`},
		{[]string{"simulate", "--tier", "tier-1", "--tokens-per-second", "0"}, 2, "--tokens-per-second"},
		{[]string{"simulate", "--tier", "tier-1", "--tokens-per-second", "-5"}, 2, "--tokens-per-second"},
		{[]string{"simulate", "--tier", "tier-1", "--tokens-per-second", "NaN"}, 2, "--tokens-per-second"},
		{[]string{"simulate", "--tier", "tier-1", "--tokens-per-second", "+Inf"}, 2, "--tokens-per-second"},
		{[]string{"simulate", "--tier", "tier-1", "--spent", "NaN"}, 2, "--spent"},
		{[]string{"simulate", "--tier", "tier-1", "--spent", "Inf"}, 2, "--spent"},
		{[]string{"simulate", "--tier", "tier-1", "--token-spread", "NaN"}, 2, "--token-spread"},
		{[]string{"simulate", "--tier", "tier-1", "--first-token", "-1s"}, 2, "--first-token"},
		{[]string{"simulate", "--tier", "tier-1", "--think", "-1s"}, 2, "--think"},
		{[]string{"simulate", "--tier", "tier-1", "--resume-after", "-1s"}, 2, "--resume-after"},
		{[]string{"simulate", "--tier", "tier-1", "--max-retries", "-1"}, 2, "--max-retries"},
		{[]string{"simulate", "--tier", "tier-1", "--retry-base", "-1s"}, 2, "--retry-base"},
		{[]string{"simulate", "--tier", "tier-1", "--retry-cap", "-1s"}, 2, "--retry-cap"},
		{[]string{"simulate", "--tier", "tier-1", "--retry-after-jitter", "-1s"}, 2, "--retry-after-jitter"},
	}
	for _, tc := range cases {
		out, errOut, code := runWithTable(t, cmdtest.SimTable(), tc.args...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != tc.code || !strings.HasPrefix(first, "tierplan: ") || !strings.Contains(first, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and a line with %q", tc.args, code, first, tc.code, tc.want)
		}
		if out != "" {
			t.Errorf("%v: printed to stdout on error: %q", tc.args, out)
		}
	}
}

// A workload file with several workloads needs --workload to pick one.
func TestSimulateWorkloadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.yaml")
	data := "workloads:\n  - name: small\n    devs: 2\n    tokens: 300k\n    hours: 1\n  - name: big\n    devs: 8\n    tokens: 1M\n    hours: 1\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-2", "-f", path)
	if code != 2 || !strings.Contains(errOut, "pick one with --workload") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-2", "-f", path, "--workload", "big", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Inputs struct {
			Name string `json:"name"`
			Devs int    `json:"devs"`
		} `json:"inputs"`
		Sessions int `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Inputs.Name != "big" || doc.Inputs.Devs != 8 || doc.Sessions != 64 {
		t.Fatalf("got %+v, want workload big: 8 developers, 64 sessions", doc)
	}
}

// runWithTable runs tierplan in-process with the tier table tbl loaded.
func runWithTable(t *testing.T, tbl *tiers.Table, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return cmdtest.RunWithTable(t, root.Run, tbl, args...)
}

// The day's charts (bucket levels, 429s, waits) at 80 and 120 columns, in
// Unicode and ASCII.
func TestSimulateCharts(t *testing.T) {
	cmdtest.ChartGoldens(t, "chart", func(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
		return cmdtest.RunWithTableEnv(t, root.Run, cmdtest.SimTable(), env, args...)
	}, goldenArgs...)
}
