package simulate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/simulate"
)

// TestSimulateWorkloadFlagsTyped: simulate's workload flags are plan's
// (addWorkloadFlags), so --help shows their value types, not "string".
func TestSimulateWorkloadFlagsTyped(t *testing.T) {
	out, _, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--tokens TOKENS", "--devs N", "--days-per-month N", "--cache TTL", "--days N"} {
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
		out, errOut, code := runWithTable(t, cmdtest.SimTable(), args...)
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
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-2", "--days-per-month", "lots")
	if code != 2 || !strings.Contains(errOut, "--days-per-month") {
		t.Errorf("bad --days-per-month: exit %d, stderr %q", code, errOut)
	}
}

// TestSimulateHelpDefaults: --max-retries does not show a sentinel default
// after "default: the policy's"; --window is refused outside its range
// with the flag named; --headroom, which simulate has no use for, is not
// offered.
func TestSimulateHelpDefaults(t *testing.T) {
	out, _, _ := runWithTable(t, cmdtest.SimTable(), "simulate", "--help")
	if strings.Contains(out, "(default -1)") || strings.Contains(out, "--headroom") {
		t.Errorf("help shows a sentinel default or --headroom:\n%s", out)
	}
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", "--window", "0s")
	if code != cmdutil.ExitUsage || !strings.Contains(errOut, "--window") {
		t.Errorf("--window 0s: exit %d, %q", code, errOut)
	}
}

// TestCompareRetriesInformative: with retry-after honoured (the default),
// the jittered policies sleep the server's retry-after and match row for
// row; the (no retry-after) rows run each formula, and those differ.
func TestCompareRetriesInformative(t *testing.T) {
	args := append(append([]string{}, goldenArgs...), "--compare-retries", "-o", "json")
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Compare []struct {
			Policy   string  `json:"policy"`
			Requests int64   `json:"requests"`
			WaitP95  float64 `json:"wait_p95_s"`
		} `json:"compare_retries"`
		Notes []string `json:"notes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	type key struct {
		requests int64
		p95      float64
	}
	formulas := map[key]string{}
	for _, r := range doc.Compare {
		if strings.HasSuffix(r.Policy, simulate.NoRetryAfter) && r.Policy != "sdk"+simulate.NoRetryAfter {
			k := key{r.Requests, r.WaitP95}
			if other, ok := formulas[k]; ok {
				t.Errorf("%s and %s are identical without retry-after", other, r.Policy)
			}
			formulas[k] = r.Policy
		}
	}
	if len(formulas) != 4 {
		t.Errorf("%d distinct (no retry-after) rows, want 4: %+v", len(formulas), doc.Compare)
	}
	noted := false
	for _, n := range doc.Notes {
		noted = noted || strings.Contains(n, "(no retry-after)")
	}
	if !noted {
		t.Errorf("no note explains the (no retry-after) rows: %q", doc.Notes)
	}
}
