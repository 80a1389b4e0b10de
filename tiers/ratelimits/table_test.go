package ratelimits

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func defaultTable(t *testing.T) *tiers.Table {
	t.Helper()
	tb, err := tiers.Parse("tiers.yaml", tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func entries(t *testing.T, names ...string) []Entry {
	t.Helper()
	var out []Entry
	for _, n := range names {
		p, err := ParsePage(fixture(t, n), false)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Entries...)
	}
	return out
}

// Groups go to the pools their models match; the batch group to the
// tier's batch limits; groups and limiter types the table cannot hold are
// named.
func TestForTable(t *testing.T) {
	org := ForTable(entries(t, "org-page1.json", "org-page2.json"), defaultTable(t))
	want := map[string]tiers.Limits{
		"sonnet-4": {RPM: 4000, ITPM: 6_000_000, OTPM: 1_200_000},
		"opus-5.5": {RPM: 4000, ITPM: 10_000_000, OTPM: 800_000},
	}
	if d := cmp.Diff(want, org.Pools); d != "" {
		t.Errorf("pools (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"opus-5.5", "sonnet-4"}, org.Order); d != "" {
		t.Errorf("order: %s", d)
	}
	if org.Batch == nil || org.Batch.QueueRequests != 500_000 || org.Batch.RPM != 0 {
		t.Errorf("batch %+v", org.Batch)
	}
	notes := strings.Join(org.Notes, "\n")
	for _, w := range []string{
		`group "Claude Nova 1": no model of the tier table matches its models; left out`,
		`limiter type "fast_output_tokens_per_minute" is not modelled; left out`,
		"the API returned no limits for pools opus-4, opus-5, sonnet-5, sonnet-5.5, haiku-4.5, haiku-5.5, haiku-3.5, fable-5, mythos-5",
	} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

// A group the table splits into two pools gives each its limits; two
// groups on one pool keep the lower of each limit.
func TestForTableMerges(t *testing.T) {
	tb := defaultTable(t)
	org := ForTable([]Entry{
		{GroupType: "model_group", Models: []string{"claude-opus-4-6", "claude-opus-5"}, Limits: []Limit{{Type: "requests_per_minute", Value: 100}}},
		{GroupType: "model_group", Name: "Opus 4.8", Models: []string{"claude-opus-4-8"}, Limits: []Limit{{Type: "requests_per_minute", Value: 50}, {Type: "input_tokens_per_minute", Value: 9}}},
	}, tb)
	if org.Pools["opus-4"] != (tiers.Limits{RPM: 50, ITPM: 9}) || org.Pools["opus-5"] != (tiers.Limits{RPM: 100}) {
		t.Errorf("pools %+v", org.Pools)
	}
	notes := strings.Join(org.Notes, "\n")
	if !strings.Contains(notes, "group (claude-opus-4-6, claude-opus-5) counts pools opus-4, opus-5 together") ||
		!strings.Contains(notes, `pool opus-4 is in groups (claude-opus-4-6, claude-opus-5) and "Opus 4.8"; the lower of each limit is kept`) {
		t.Errorf("notes:\n%s", notes)
	}
}

var pullDay = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

// A new tier is added with the pulled limits, every comment of the table
// kept, each figure official from the API on the day it was read.
func TestApplyNewTier(t *testing.T) {
	tb := defaultTable(t)
	org := ForTable(entries(t, "org-page1.json", "org-page2.json"), tb)
	src := Source("", pullDay)
	out, err := Apply(tierplan.DefaultTiers, "my-org", org, src, pullDay)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "# Every figure says where it comes from.") {
		t.Error("the table's comments were lost")
	}
	pulled, err := tiers.Parse("pulled", out)
	if err != nil {
		t.Fatal(err)
	}
	tier, ok := pulled.Tier("my-org")
	if !ok || tier.HasSpendCap || tier.Limits["sonnet-4"] != org.Pools["sonnet-4"] || tier.Batch.QueueRequests != 500_000 {
		t.Fatalf("tier %+v", tier)
	}
	for _, f := range pulled.FiguresUnder([]string{"tiers", "my-org"}) {
		if f.Source != "your organisation's Rate Limits API, 2026-12-07" || f.AsOfText() != "2026-12-07" || f.Confidence != tiers.Official {
			t.Errorf("%s: %+v", f.Path, f.Provenance)
		}
	}
	// Nothing else changed.
	for _, c := range tiers.Diff(tb, pulled) {
		if c.Section != "tier" || c.Name != "my-org" {
			t.Errorf("unexpected change %+v", c)
		}
	}
}

// The tier one is on keeps its spend cap and takes the organisation's
// limits, each pool saying where it comes from; a negotiated tier becomes
// one that is rated.
func TestApplyExistingTier(t *testing.T) {
	tb := defaultTable(t)
	org := ForTable(entries(t, "org-page1.json"), tb)
	src := Source("wrkspc_1", pullDay)
	for _, name := range []string{"build", "custom"} {
		out, err := Apply(tierplan.DefaultTiers, name, org, src, pullDay)
		if err != nil {
			t.Fatal(err)
		}
		pulled, err := tiers.Parse("pulled", out)
		if err != nil {
			t.Fatal(err)
		}
		tier, _ := pulled.Tier(name)
		old, _ := tb.Tier(name)
		if tier.Negotiated || len(tier.Limits) != 2 || tier.MonthlySpendCap != old.MonthlySpendCap || tier.Batch != nil {
			t.Errorf("%s: %+v", name, tier)
		}
		for _, f := range pulled.FiguresUnder([]string{"tiers", name, "limits"}) {
			if !strings.HasPrefix(f.Source, "your organisation's Rate Limits API (workspace wrkspc_1)") {
				t.Errorf("%s: %+v", f.Path, f.Provenance)
			}
		}
		for _, f := range pulled.FiguresUnder([]string{"tiers", name, "monthly_spend_cap"}) {
			if strings.Contains(f.Source, "Rate Limits API") {
				t.Errorf("the spend cap took the API's source: %+v", f)
			}
		}
	}
}

func TestApplyRefuses(t *testing.T) {
	if _, err := Apply(tierplan.DefaultTiers, "x", OrgLimits{}, "s", pullDay); err == nil || !strings.Contains(err.Error(), "no limit the tier table can hold") {
		t.Errorf("empty: %v", err)
	}
	org := OrgLimits{Pools: map[string]tiers.Limits{"sonnet-4": {RPM: 1}}}
	if _, err := Apply([]byte("- a list\n"), "x", org, "s", pullDay); err == nil {
		t.Error("a list was taken for a table")
	}
	if _, err := Apply([]byte("tiers: 5\n"), "x", org, "s", pullDay); err == nil || !strings.Contains(err.Error(), "not a list") {
		t.Errorf("tiers not a list: %v", err)
	}
}
