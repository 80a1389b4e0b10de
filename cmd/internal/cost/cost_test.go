package cost_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func TestCostGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		// stderr is what stderr must hold; "" when it must be empty.
		stderr string
	}{
		{"cost-20x800k.table", []string{"cost", "--sessions", "20", "--tokens", "800k"}, ""},
		{"cost-20x800k.json", []string{"cost", "--sessions", "20", "--tokens", "800k", "-o", "json"}, ""},
		{"cost-20x800k.markdown", []string{"cost", "--sessions", "20", "--tokens", "800k", "-o", "markdown"}, ""},
		// Haiku 4.5's prices were last read in the pricing page of February
		// 2026: the staleness warning names that figure, not the table.
		{"cost-mix-batch.table", []string{"cost", "--sessions", "10", "--tokens", "1.5M", "--mix", "haiku=0.3,sonnet=0.6,opus=0.1", "--batch", "0.2"},
			"tierplan: warning: tier table embedded default: the oldest figure this answer used, models.haiku.price_per_mtok.input ($1), is 300 days old (as_of 2026-02-01)"},
		{"cost-sweep-sessions.csv", []string{"cost", "--tokens", "800k", "--sweep", "sessions=1..30:3", "-o", "csv"}, ""},
		{"cost-sweep-tokens.table", []string{"cost", "--sessions", "10", "--sweep", "tokens=200k..2M:300k"}, ""},
		// Sessions so small that the larger plans match the API only past
		// the 10,000 sessions a day tierplan models.
		{"cost-not-modelled.table", []string{"cost", "--model", "haiku", "--prefix", "100", "--growth", "10", "--output-per-call", "10", "--tokens", "300"},
			"tierplan: warning: tier table embedded default: the oldest figure this answer used, models.haiku.price_per_mtok.input ($1), is 300 days old (as_of 2026-02-01)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.Code != 0 || c.stderr == "" && r.Stderr != "" || !strings.Contains(r.Stderr, c.stderr) {
				t.Fatalf("exit %d, stderr %q, want %q", r.Code, r.Stderr, c.stderr)
			}
			cmdtest.Golden(t, c.name, r.Stdout)
		})
	}
}

func TestCostJSONContract(t *testing.T) {
	r := runCLI(t, nil, "cost", "--sessions", "20", "--tokens", "800k", "-o", "json")
	var rep struct {
		Options []struct {
			Name           string   `json:"name"`
			Kind           string   `json:"kind"`
			MonthlyCostUSD *float64 `json:"monthly_cost_usd"`
			Verdict        string   `json:"verdict"`
		} `json:"options"`
		Cheapest  *string `json:"cheapest"`
		BreakEven []struct {
			Plan string `json:"plan"`
		} `json:"break_even"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Options) < 4 || rep.Cheapest == nil || len(rep.BreakEven) != 3 {
		t.Fatalf("contract: %+v", rep)
	}
	for _, o := range rep.Options {
		if o.Name == "" || (o.Kind != "api" && o.Kind != "subscription") || o.MonthlyCostUSD == nil || o.Verdict == "" {
			t.Errorf("option %+v", o)
		}
	}
	// The key is present for every plan (a number, or null when it never
	// breaks even).
	var raw struct {
		BreakEven []map[string]json.RawMessage `json:"break_even"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, be := range raw.BreakEven {
		if _, ok := be["sessions_per_day"]; !ok {
			t.Errorf("break_even entry %v lacks sessions_per_day", be)
		}
	}
}

func TestCostErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.yaml")
	if err := os.WriteFile(path, []byte("workloads:\n  - name: a\n  - name: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"cost", "--sweep", "calls=1..3"}, 2, "--sweep"},
		{[]string{"cost", "--mix", "sonnet=0.5,haiku=0.2"}, 2, "shares add up to 0.7"},
		{[]string{"cost", "--mix", "gpt=1"}, 1, `unknown model "gpt"`},
		{[]string{"cost", "--batch", "2"}, 2, "invalid value for --batch: \"2\": must be at most 1"},
		{[]string{"cost", "-f", path}, 2, "choose one with --workload"},
		{[]string{"cost", "-f", path, "--workload", "c"}, 2, `no workload named "c"`},
	}
	for _, c := range cases {
		r := runCLI(t, nil, c.args...)
		if r.Code != c.code || !strings.Contains(r.Stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.Code, r.Stderr, c.code, c.msg)
		}
	}
}

// runCLI runs tierplan in-process in a hermetic environment.
func runCLI(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, "", args...)
}

// Fast mode's limits are not published: the cheapest option says so; a
// subscriber's credits come off the API options.
func TestCostTableRules(t *testing.T) {
	r := runCLI(t, nil, "cost", "--sessions", "4", "--tokens", "2M", "--model", "opus-5.5", "--fast")
	if r.Code != 0 || !strings.Contains(r.Stdout, "Cheapest that fits: start at $226.28 a month (the limits of pool opus-5.5-fast are not known)") ||
		!strings.Contains(r.Stdout, "plans: fast mode on a subscription is not in the tier table; not evaluated") {
		t.Errorf("fast: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	r = runCLI(t, nil, "cost", "--sessions", "20", "--tokens", "800k", "--subscriber", "ultra", "-o", "json")
	var rep struct {
		APICost float64 `json:"api_monthly_cost_usd"`
		Options []struct {
			Name        string   `json:"name"`
			MonthlyCost float64  `json:"monthly_cost_usd"`
			APICredit   *float64 `json:"api_credit_usd"`
		} `json:"options"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil || len(rep.Options) == 0 {
		t.Fatalf("%v: %s", err, r.Stderr)
	}
	// $259.918470 of list prices less Ultra's $200 of credits.
	if o := rep.Options[0]; o.Name != "start" || o.APICredit == nil || *o.APICredit != 200 || o.MonthlyCost != 59.91847 || rep.APICost != 259.91847 {
		t.Errorf("start %+v, API cost %v", o, rep.APICost)
	}
}
