package planner

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func TestSmoke(t *testing.T) {
	tab, err := tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	if f := os.Getenv("TIERS"); f != "" {
		data, _ := os.ReadFile(f)
		tab, err = tiers.Parse(f, data)
		if err != nil {
			t.Fatal(err)
		}
	}
	w := Workload{SessionsPerDay: 20, TokensPerSession: 800_000}
	if d := os.Getenv("DEVS"); d != "" {
		fmt.Sscan(d, &w.Devs)
	}
	wp, err := PlanWorkload(w, tab, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range wp.Parts {
		b, _ := json.Marshal(p.Session)
		fmt.Println(string(b))
		b, _ = json.Marshal(p.Demand)
		fmt.Println(string(b))
	}
	for _, r := range wp.Results {
		fmt.Printf("%-10s %-9s %-14s %v from=%v %s\n", r.Name, r.Verdict, r.Binding, r.Utilization, r.ThrottledFromCall, r.Reason)
	}
	fmt.Println(wp.MonthlyCost.Total, wp.Recommendation.Reason, wp.Notes)
}
