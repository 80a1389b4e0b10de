package tiers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

// The December 2026 table: every figure says where it comes from, and each
// rule it adds is there with its published numbers.
func TestDefaultTableRules(t *testing.T) {
	tb := defaultTable(t)
	for _, f := range tb.Figures {
		if f.Source == "" || f.AsOf.IsZero() || f.Confidence == "" {
			t.Errorf("%s (line %d) has no provenance: %+v", f.Path, f.Line, f.Provenance)
		}
		if f.AsOf.After(tb.AsOf) {
			t.Errorf("%s read %s, after the table's as_of", f.Path, f.AsOfText())
		}
	}
	// Haiku 5.5: whole requests over 100,000 input-side tokens at 5x, every
	// kind of token.
	h, _ := tb.Model("haiku-5.5")
	if h.LongContext == nil || h.LongContext.Threshold != 100_000 {
		t.Fatalf("haiku-5.5 whole-request rule %+v", h.LongContext)
	}
	std, long := h.Price, h.LongContext.Price
	for _, pair := range [][2]tiers.Money{{std.Input, long.Input}, {std.Output, long.Output}, {std.CacheWrite5m, long.CacheWrite5m},
		{std.CacheWrite1h, long.CacheWrite1h}, {std.CacheRead, long.CacheRead}} {
		if pair[1] != 5*pair[0] {
			t.Errorf("haiku-5.5 premium %s is not 5x %s", pair[1], pair[0])
		}
	}
	if std.Input != tiers.Dollars(0.10) || std.CacheWrite5m != tiers.Dollars(0.125) || std.CacheRead != tiers.Dollars(0.01) {
		t.Errorf("haiku-5.5 prices %+v", std)
	}
	// Fast mode: its own prices and a pool whose limits are not published.
	for name, want := range map[string][2]float64{"opus-5.5": {8, 40}, "opus-5": {10, 50}, "fable-5.2": {16, 80}, "mythos-5.2": {16, 80}} {
		m, _ := tb.Model(name)
		if m.Fast == nil || m.Fast.Price.Input != tiers.Dollars(want[0]) || m.Fast.Price.Output != tiers.Dollars(want[1]) {
			t.Errorf("%s fast mode %+v", name, m.Fast)
			continue
		}
		if _, unknown := tb.UnknownLimits[m.Fast.Pool]; !unknown {
			t.Errorf("%s fast pool %s has limits nobody published", name, m.Fast.Pool)
		}
	}
	for _, name := range []string{"haiku-5.5", "sonnet", "opus"} {
		if m, _ := tb.Model(name); m.Fast != nil {
			t.Errorf("%s has a fast mode the sources do not give", name)
		}
	}
	// Fable 5.2's pool is unknown, not guessed; Fable 5.1 shares Fable 5.x's.
	if f51, _ := tb.Model("fable-5.1"); f51.Pool != "fable-5" {
		t.Errorf("fable-5.1 pool %s", f51.Pool)
	}
	if f52, _ := tb.Model("fable-5.2"); tb.UnknownLimits[f52.Pool] == "" {
		t.Errorf("fable-5.2's pool %s is not marked unknown", f52.Pool)
	}
	// Plans: renamed, with credits and Fable's meter.
	max, note, ok := tb.PlanOrAlias("max-5x")
	if !ok || max.Name != "max" || note != "plan max-5x is now called max; max-5x is accepted as its old name" {
		t.Fatalf("max-5x: %q, %q, %v", max.Name, note, ok)
	}
	if ultra, _, _ := tb.PlanOrAlias("max-20x"); ultra.Name != "ultra" || ultra.Window5h != nil {
		t.Errorf("max-20x is %q with a 5-hour window %+v", ultra.Name, ultra.Window5h)
	}
	if max.APICredits == nil || max.APICredits.For(1) != tiers.Dollars(100) {
		t.Errorf("max credits %+v", max.APICredits)
	}
	if d := cmp.Diff([]tiers.Meter{{Name: "fable", Models: []string{"fable-5", "fable-5.1", "fable-5.2"}, ShareOfWeekly: 0.5}}, max.WeeklyMeters); d != "" {
		t.Errorf("max meters: %s", d)
	}
	team, _ := tb.Plan("team-standard")
	// 3 seats: $60; 30 seats: $600, capped at $500 for the team.
	if team.Evaluated() || team.APICredits.For(3) != tiers.Dollars(60) || team.APICredits.For(30) != tiers.Dollars(500) {
		t.Errorf("team-standard %+v credits %+v", team, team.APICredits)
	}
	// Limits quoted by third parties say so.
	for _, f := range tb.FiguresUnder([]string{"tiers", "start", "limits", "haiku-5.5"}) {
		if f.Confidence != tiers.ThirdParty {
			t.Errorf("%s is %s", f.Path, f.Confidence)
		}
	}
}

// The table of October 2026, shipped as an example, diffs against the new
// one as a changelog: the renamed plans matched up, new models, new rules,
// figures whose confidence was only inherited.
func TestDiffOctoberToDecember(t *testing.T) {
	old := loadExample(t, "anthropic-2026-10.yaml")
	changes := tiers.Diff(old, defaultTable(t))
	has := func(section, name, field, from, to string) {
		t.Helper()
		for _, c := range changes {
			if c.Section == section && c.Name == name && c.Field == field && (from == "" || c.Old == from) && (to == "" || strings.HasPrefix(c.New, to)) {
				return
			}
		}
		t.Errorf("no change %s %s %s %s → %s", section, name, field, from, to)
	}
	has("plan", "max", "name", "max-5x", "max")
	has("plan", "ultra", "name", "max-20x", "ultra")
	has("plan", "max", "api_credits", "none", "$100/month")
	has("plan", "pro", "weekly.low", "$102.50", "$61.50")
	has("model", "opus-5.5", "fast", "none", "pool opus-5.5-fast, $8 in / $40 out")
	has("model", "opus-5.5", "confidence of price_per_mtok.{cache_write_5m,cache_write_1h}", "official", "official-mirror")
	has("tier", "start", "confidence of limits.opus-5.5.{rpm,itpm,otpm}, limits.sonnet-5.5.{rpm,itpm,otpm}", "official", "third-party")
	has("table", "", "unknown_limits.fable-5.2", "none", "not published")
	for _, c := range changes {
		if c.Kind == tiers.Removed && c.Section == "plan" {
			t.Errorf("a renamed plan reads as removed: %+v", c)
		}
		if c.Kind == tiers.Added && c.Section == "model" && c.Name == "haiku-5.5" && c.New != "pool haiku-5.5, $0.10 in / $0.50 out per MTok" {
			t.Errorf("haiku-5.5 added as %q", c.New)
		}
	}
}

// A source cut short by a "#" that YAML reads as a comment is a warning.
func TestSourceCutByComment(t *testing.T) {
	old := loadExample(t, "anthropic-2026-10.yaml")
	if len(old.Warnings) != 1 || !strings.Contains(old.Warnings[0].Msg, `source reads "anthropics/claude-code": the "#79773`) {
		t.Errorf("warnings %v", old.Warnings)
	}
}

func loadExample(t *testing.T, name string) *tiers.Table {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("examples", name))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := tiers.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// A plan whose allowance was unknown takes a measured one (tiers
// calibrate): allowance_unknown goes, kept as a comment, and the table
// rates the plan.
func TestSetAllowanceOnAPlanWithoutOne(t *testing.T) {
	a := tiers.Allowance{Low: tiers.Dollars(40), High: tiers.Dollars(60), Estimate: true, Source: "measured from your logs"}
	out, err := tiers.SetAllowance(tierplan.DefaultTiers, "team-standard", "weekly", a, "replaced")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := tiers.Parse("calibrated", out)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := tb.Plan("team-standard")
	if !p.Evaluated() || p.AllowanceUnknown != "" || p.Weekly.Low != tiers.Dollars(40) {
		t.Errorf("team-standard %+v", p)
	}
	if !strings.Contains(string(out), "#   allowance_unknown: no allowance for Team seats has been published or measured") {
		t.Error("the unknown allowance's line was not kept as a comment")
	}
}
