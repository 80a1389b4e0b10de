package plan_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

type planSimDoc struct {
	Workloads []struct {
		Results []struct {
			Tier     string   `json:"tier"`
			Kind     string   `json:"kind"`
			Expected *float64 `json:"expected_429_per_hour"`
		} `json:"results"`
	} `json:"workloads"`
}

func planSim(t *testing.T, args ...string) planSimDoc {
	t.Helper()
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), append([]string{"plan", "--devs", "6", "--tokens", "400k", "--hours", "2", "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc planSimDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// plan --simulate adds expected 429s per hour to every API tier; a larger
// tier expects fewer; without the flag the field is absent.
func TestPlanSimulateColumn(t *testing.T) {
	doc := planSim(t, "--simulate")
	got := map[string]float64{}
	for _, r := range doc.Workloads[0].Results {
		if r.Expected == nil {
			t.Fatalf("%s has no expected_429_per_hour", r.Tier)
		}
		got[r.Tier] = *r.Expected
	}
	if got["tier-1"] <= 0 || got["tier-2"] >= got["tier-1"] {
		t.Fatalf("expected 429s/hour %v: want tier-1 > 0 and tier-2 below it", got)
	}
	for _, r := range planSim(t).Workloads[0].Results {
		if r.Expected != nil {
			t.Fatalf("%s has expected_429_per_hour without --simulate", r.Tier)
		}
	}
	out, _, code := runWithTable(t, cmdtest.SimTable(), "plan", "--devs", "6", "--tokens", "400k", "--hours", "2", "--simulate")
	if code != 0 || !strings.Contains(out, "429S/HOUR") {
		t.Fatalf("exit %d; the table lacks the 429S/HOUR column:\n%s", code, out)
	}
}

func TestPlanSimulateBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"plan", "--simulate", "--simulate-policy", "retry-forever"},
		{"plan", "--simulate", "--simulate-arrival", "rush"},
		{"plan", "--simulate", "--simulate-window", "0s"},
		{"plan", "--simulate", "--simulate-runs", "0"},
	} {
		_, errOut, code := runWithTable(t, cmdtest.SimTable(), args...)
		if code != 2 || !strings.HasPrefix(errOut, "tierplan: --simulate-") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestPlanSimulateKeepsPace: a workload plan calls throttled (every
// developer at 10 calls a minute, cache off, big contexts) must show 429s.
// Before, this one developer on tier-2 simulated 0 429s an hour.
// Simulated at the default 60 tokens/s, a call took ~21 s, sessions ran at
// under 3 calls a minute, and the column said 0 while plan said throttled.
func TestPlanSimulateKeepsPace(t *testing.T) {
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), "plan", "--simulate", "--simulate-arrival", "standup",
		"--devs", "1", "--sessions", "1", "--days", "1", "--tokens", "2M", "--cache", "off", "--overlap", "1", "--hours", "1", "--only", "tier-2", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Workloads []struct {
			Notes   []string `json:"notes"`
			Results []struct {
				Verdict  string   `json:"verdict"`
				Expected *float64 `json:"expected_429_per_hour"`
			} `json:"results"`
		} `json:"workloads"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Workloads[0].Results[0]
	if r.Verdict != "throttled" || r.Expected == nil || *r.Expected <= 0 {
		t.Fatalf("verdict %s, 429s/hour %v: a throttled plan must simulate 429s", r.Verdict, r.Expected)
	}
	if !strings.Contains(strings.Join(doc.Workloads[0].Notes, "\n"), "fast enough for the pace") {
		t.Errorf("no note says the latency was fitted to the pace: %q", doc.Workloads[0].Notes)
	}
}
