package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

// An empty workload takes every default once, and the report echoes them
// complete: the model-dependent ones from the model (testModel: a 200k
// window, no speed in the table, so the documented 2 s and 60 a second).
func TestResolveAppliesEveryDefault(t *testing.T) {
	r := mustResolve(t, Workload{}, smallTable())
	want := Workload{
		Name: "default", SessionsPerDay: 8, TokensPerSession: 800_000, Model: "sonnet", Devs: 1,
		GrowthPerCall: 1_000, OutputPerCall: 475, PrefixTokens: 18_000, CacheTTL: 5 * time.Minute,
		CompactAt: 167_000, CompactTo: 28_000, // 200k − 33k; 18k + 10k
		MaxTokens: 128_000, CallsPerTurn: 10, ToolTimeS: 3, PauseS: 180, FirstTokenS: 2, OutputPerSecond: 60,
		HoursPerDay: 8, DaysPerMonth: 21, WindowS: 60, Seed: 1, Headroom: 0.8,
	}
	if d := cmp.Diff(want, r.Workload); d != "" {
		t.Errorf("echo (-want +got):\n%s", d)
	}
	if r.Window != time.Minute || r.Team != (day.Team{Devs: 1, SessionsPerDay: 8, Hours: 8 * time.Hour, Seed: 1}) {
		t.Errorf("window %v, team %+v", r.Window, r.Team)
	}
	if len(r.Parts) != 1 || r.Parts[0].Share != 1 || r.Parts[0].Model.Name != "sonnet" || len(r.Notes) != 0 {
		t.Errorf("parts %+v, notes %q", r.Parts, r.Notes)
	}
}

// What the user set is kept, never replaced by a default.
func TestResolveKeepsWhatTheUserSet(t *testing.T) {
	w := Workload{Name: "mine", SessionsPerDay: 3, TokensPerSession: 500_000, Devs: 4, PrefixTokens: 20_000,
		GrowthPerCall: 2_000, OutputPerCall: 600, CacheTTL: time.Hour, CompactAt: 150_000, CompactTo: 40_000,
		MaxTokens: 64_000, CallsPerTurn: 5, ToolTimeS: 8, PauseS: 60, FirstTokenS: 1.5, OutputPerSecond: 80,
		HoursPerDay: 6, DaysPerMonth: 20, WindowS: 1, Seed: 7, Headroom: 0.5, Arrival: day.Poisson, Overlap: 0.25}
	r := mustResolve(t, w, smallTable())
	want := w
	want.Model = "sonnet"
	if d := cmp.Diff(want, r.Workload); d != "" {
		t.Errorf("echo (-want +got):\n%s", d)
	}
	s := r.Parts[0].Spec
	if s.Shape.Prefix != 20_000 || s.Timing.Pause != time.Minute || s.Timing.FirstToken != 1500*time.Millisecond || r.Window != time.Second {
		t.Errorf("spec %+v, window %v", s, r.Window)
	}
	if r.Team != (day.Team{Devs: 4, SessionsPerDay: 3, Hours: 6 * time.Hour, Arrival: day.Poisson, Overlap: 0.25, Seed: 7}) {
		t.Errorf("team %+v", r.Team)
	}
}

// A model's speed and window come from the table: a 1M window compacts at
// Claude Code's 200k less 33k all the same; a 100k window at 67k.
func TestResolveReadsTheModel(t *testing.T) {
	tab := smallTable()
	tab.Models[0].Speed = &tiers.Speed{FirstToken: 1200 * time.Millisecond, OutputPerSecond: 50}
	tab.Models[0].ContextWindow = 1_000_000
	r := mustResolve(t, Workload{}, tab)
	if r.Workload.FirstTokenS != 1.2 || r.Workload.OutputPerSecond != 50 || r.Workload.CompactAt != 167_000 {
		t.Errorf("echo %+v, want 1.2 s, 50 a second, compaction at 167k", r.Workload)
	}
	tab.Models[0].ContextWindow = 100_000
	if r := mustResolve(t, Workload{}, tab); r.Workload.CompactAt != 67_000 {
		t.Errorf("a 100k window compacts at %d, want 67,000", r.Workload.CompactAt)
	}
}

// A table without the default model plans on its first, and says so.
func TestResolveDefaultModelOfAnotherTable(t *testing.T) {
	tab := smallTable()
	tab.Models = []tiers.Model{haikuModel(), testModel()}
	tab.Models[1].Name = "large"
	r := mustResolve(t, Workload{}, tab)
	want := "the tier table has no sonnet model: planned on its first model, haiku (choose with --model)"
	if r.Parts[0].Model.Name != "haiku" || len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("model %s, notes %q; want haiku and %q", r.Parts[0].Model.Name, r.Notes, want)
	}
	// Named, no note.
	if r := mustResolve(t, Workload{Model: "large"}, tab); len(r.Notes) != 0 || r.Parts[0].Model.Name != "large" {
		t.Errorf("--model large: %s, notes %q", r.Parts[0].Model.Name, r.Notes)
	}
}

// Mixes: each share its own model and session; the errors name the mix.
func TestResolveMix(t *testing.T) {
	r := mustResolve(t, Workload{Mix: map[string]float64{"sonnet": 0.7, "haiku": 0.3}}, mixTable())
	if len(r.Parts) != 2 || r.Parts[0].Model.Name != "haiku" || r.Parts[0].Share != 0.3 || r.Parts[1].Share != 0.7 {
		t.Errorf("parts %+v", r.Parts)
	}
	cases := []struct {
		w    Workload
		want string
	}{
		{Workload{Mix: map[string]float64{"sonnet": 0.5, "haiku": 0.4}}, "mix: shares add up to 0.9, not 1"},
		{Workload{Mix: map[string]float64{"sonnet": 0.5, "gpt": 0.5}}, `mix: unknown model "gpt" (the tier table has: sonnet, haiku)`},
		{Workload{Model: "haiku", Mix: map[string]float64{"sonnet": 1}}, "model haiku is not in the mix (sonnet): give either a model or a mix"},
		// A part's own session failing is named by its model.
		{Workload{Mix: map[string]float64{"sonnet": 0.5, "haiku": 0.5}, TokensPerSession: 10_000}, "haiku: --tokens 10k is less than one call"},
	}
	for _, c := range cases {
		_, err := Resolve(c.w, mixTable())
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.w.Mix, err, c.want)
		}
	}
}

// A day too large to run call by call is refused, naming --devs: 100,000
// developers × 8 sessions = 800,000 sessions of at most 26 calls (25.88 on
// average), 26 + 26/4 = 32 with room for compaction: 25.6M calls, past
// the 20M plan runs through the buckets.
func TestResolveRefusesADayTooLarge(t *testing.T) {
	_, err := Resolve(Workload{Devs: 100_000}, smallTable())
	want := "a day of 800,000 sessions of about 32 calls is more than the 20,000,000 calls tierplan runs through the buckets: plan a share of the team (fewer --devs) and scale"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if _, err := Resolve(Workload{Devs: 70_000}, smallTable()); err != nil { // 17.9M calls
		t.Errorf("70,000 developers: %v", err)
	}
}

// Values no workload can have are refused before any session is built.
func TestResolveValidates(t *testing.T) {
	for _, w := range []Workload{
		{SessionsPerDay: -1}, {SessionsPerDay: 20_000}, {TokensPerSession: -5}, {Devs: -1},
		{HoursPerDay: 25}, {DaysPerMonth: 40}, {OutputShare: 1}, {Overlap: 2}, {Headroom: 1.5},
		{BatchShare: -0.1}, {CacheMissShare: 2}, {WindowS: 0.5}, {Pace: -1},
	} {
		if _, err := Resolve(w, smallTable()); err == nil {
			t.Errorf("%+v accepted", w)
		}
	}
}
