package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSimulateWorkloadFlagsTyped: simulate's workload flags are plan's
// (addWorkloadFlags), so --help shows their value types, not "string".
func TestSimulateWorkloadFlagsTyped(t *testing.T) {
	out, _, code := runWithTable(t, simTable(), "simulate", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--tokens TOKENS", "--devs N", "--days-per-month N", "--cache TTL", "--days int"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	for _, bad := range []string{"--tokens string", "--devs string", "--days-per-month string"} {
		if strings.Contains(out, bad) {
			t.Errorf("help shows %q", bad)
		}
	}
}

// TestSimulateDaysPerMonth: --days (days simulated) never reaches the
// workload's days per month; --days-per-month does, over a file's value.
func TestSimulateDaysPerMonth(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.yaml")
	if err := os.WriteFile(path, []byte("workloads:\n  - name: w\n    days: 15\n    hours: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"--days", "2"}, 21}, // the default
		{[]string{"--days", "2", "--days-per-month", "10"}, 10},
		{[]string{"-f", path, "--days", "3"}, 15},
		{[]string{"-f", path, "--days-per-month", "5"}, 5},
	}
	for _, c := range cases {
		args := append([]string{"simulate", "--tier", "tier-2", "--hours", "1", "-o", "json"}, c.args...)
		out, errOut, code := runWithTable(t, simTable(), args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		var doc struct {
			Inputs struct {
				DaysPerMonth int `json:"days_per_month"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Inputs.DaysPerMonth != c.want {
			t.Errorf("%v: days per month %d, want %d", c.args, doc.Inputs.DaysPerMonth, c.want)
		}
	}
	_, errOut, code := runWithTable(t, simTable(), "simulate", "--tier", "tier-2", "--days-per-month", "lots")
	if code != 2 || !strings.Contains(errOut, "--days-per-month") {
		t.Errorf("bad --days-per-month: exit %d, stderr %q", code, errOut)
	}
}

// TestSimulateHelpDefaults: --max-retries does not show a sentinel default
// after "default: the policy's", and --window's help gives the range its
// error enforces.
func TestSimulateHelpDefaults(t *testing.T) {
	out, _, _ := runWithTable(t, simTable(), "simulate", "--help")
	if strings.Contains(out, "(default -1)") {
		t.Errorf("help shows a sentinel default:\n%s", out)
	}
	_, errOut, _ := runWithTable(t, simTable(), "simulate", "--tier", "tier-1", "--window", "0s")
	if !strings.Contains(out, "("+windowRange+")") || !strings.Contains(errOut, windowRange) {
		t.Errorf("window range differs: help %q, error %q", out, errOut)
	}
}
