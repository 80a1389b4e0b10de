package tiers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tierplan/tierplan/tiers"
)

// provTable is a small table whose figures say where they come from at
// every level: the table, a named source, a block, a figure.
const provTable = `schema_version: 1
provider: anthropic
as_of: 2026-11-26
source: https://example.com/limits
sources:
  P: {source: "pricing page", as_of: 2026-09-26}
  T4: {source: "a fact file", as_of: 2026-10-08, confidence: third-party}
models:
  m:
    match: [claude-m-1]
    pool: p
    context_window: {value: 200000, confidence: estimate, source: "not published"}
    price_per_mtok: {input: 3, output: {value: 15, source: T4}, cache_write_5m: 3.75, cache_write_1h: 6, cache_read: 0.3, source: P}
    otpm_accounting: actual
tiers:
  - name: start
    source: P
    monthly_spend_cap: {value: 500, as_of: 2026-11-01}
    limits:
      p: {rpm: 50, itpm: 30000, otpm: 8000, confidence: official-mirror}
plans:
  - name: pro
    price_monthly: 20
    weekly:
      usd_equivalent: {low: 60, high: 160}
      estimate: true
      source: measured by us
`

func parse(t *testing.T, text string) *tiers.Table {
	t.Helper()
	tb, err := tiers.Parse("t.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func day(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

// Each of source, as_of and confidence is inherited on its own, level by
// level; a named source brings its text, date and confidence; a level that
// writes one of them keeps it; estimate: true makes an allowance's figures
// estimates.
func TestProvenanceInheritance(t *testing.T) {
	tb := parse(t, provTable)
	want := map[string]tiers.Provenance{
		"models.m.context_window":                {Source: "not published", AsOf: day("2026-11-26"), Confidence: tiers.Estimate},
		"models.m.price_per_mtok.input":          {Source: "pricing page", AsOf: day("2026-09-26"), Confidence: tiers.Official},
		"models.m.price_per_mtok.output":         {Source: "a fact file", AsOf: day("2026-10-08"), Confidence: tiers.ThirdParty},
		"models.m.otpm_accounting":               {Source: "https://example.com/limits", AsOf: day("2026-11-26"), Confidence: tiers.Official},
		"tiers.start.monthly_spend_cap":          {Source: "pricing page", AsOf: day("2026-11-01"), Confidence: tiers.Official},
		"tiers.start.limits.p.itpm":              {Source: "pricing page", AsOf: day("2026-09-26"), Confidence: tiers.OfficialMirror},
		"plans.pro.price_monthly":                {Source: "https://example.com/limits", AsOf: day("2026-11-26"), Confidence: tiers.Official},
		"plans.pro.weekly.low":                   {Source: "measured by us", AsOf: day("2026-11-26"), Confidence: tiers.Estimate},
		"models.m.price_per_mtok.cache_read":     {Source: "pricing page", AsOf: day("2026-09-26"), Confidence: tiers.Official},
		"models.m.price_per_mtok.cache_write_5m": {Source: "pricing page", AsOf: day("2026-09-26"), Confidence: tiers.Official},
	}
	got := map[string]tiers.Provenance{}
	for _, f := range tb.Figures {
		got[f.Path] = f.Provenance
	}
	for path, w := range want {
		if d := cmp.Diff(w, got[path]); d != "" {
			t.Errorf("%s (-want +got):\n%s", path, d)
		}
	}
	// Every figure is listed once, with its line and value as written.
	if len(tb.Figures) != 14 {
		t.Errorf("%d figures, want 14", len(tb.Figures))
	}
	for _, f := range tb.Figures {
		if f.Path == "tiers.start.limits.p.rpm" && (f.Value != "50" || f.Line != 20) {
			t.Errorf("rpm figure %+v", f)
		}
	}
	if p, _ := tb.Plan("pro"); !p.Weekly.Estimate {
		t.Error("an allowance marked estimate is not an estimate")
	}
}

// A figure's key keeps names with dots apart: opus-5's figures are not
// opus-5.5's.
func TestFiguresUnderNamesWithDots(t *testing.T) {
	text := strings.Replace(provTable, "  m:\n", "  opus-5:\n", 1)
	text = strings.Replace(text, "models:\n", "models:\n  opus-5.5:\n    match: [claude-opus-5-5]\n    pool: p\n    context_window: 1000\n    price_per_mtok: {input: 1, output: 1, cache_write_5m: 1, cache_write_1h: 1, cache_read: 1}\n    otpm_accounting: actual\n", 1)
	tb := parse(t, text)
	for _, f := range tb.FiguresUnder([]string{"models", "opus-5"}) {
		if f.Key[1] != "opus-5" {
			t.Errorf("opus-5 took %s", f.Path)
		}
	}
	if n := len(tb.FiguresUnder([]string{"models", "opus-5.5"})); n != 7 {
		t.Errorf("opus-5.5 has %d figures, want 7", n)
	}
	if n := len(tb.FiguresUnder()); n != len(tb.Figures) {
		t.Errorf("no prefix listed %d of %d", n, len(tb.Figures))
	}
}

func TestOldestAndGroups(t *testing.T) {
	tb := parse(t, provTable)
	old, ok := tiers.Oldest(tb.Figures)
	if !ok || old.AsOfText() != "2026-09-26" || old.Path != "models.m.price_per_mtok.input" {
		t.Errorf("oldest %+v", old)
	}
	if _, ok := tiers.Oldest(nil); ok {
		t.Error("an oldest of none")
	}
	groups := tiers.GroupByProvenance(tb.FiguresUnder([]string{"models", "m"}))
	// Least confident first: the estimate, the third-party figure, then
	// the official ones oldest first.
	var order []string
	for _, g := range groups {
		order = append(order, string(g.Confidence)+" "+g.AsOf.Format(time.DateOnly))
	}
	if d := cmp.Diff([]string{"estimate 2026-11-26", "third-party 2026-10-08", "official 2026-09-26", "official 2026-11-26"}, order); d != "" {
		t.Errorf("groups (-want +got):\n%s", d)
	}
	if got := tiers.CompactPaths(groups[2].Paths, "models.m."); got != "price_per_mtok.{input,cache_write_5m,cache_write_1h,cache_read}" {
		t.Errorf("compact %q", got)
	}
}

func TestCompactPaths(t *testing.T) {
	for _, c := range []struct {
		paths []string
		want  string
	}{
		{[]string{"limits.sonnet-5.5.rpm", "limits.sonnet-5.5.itpm", "batch.rpm"}, "limits.sonnet-5.5.{rpm,itpm}, batch.rpm"},
		{[]string{"context_window"}, "context_window"},
		{[]string{"a.b", "c", "a.d"}, "a.b, c, a.d"},
		{[]string{"c", "d", "a.b"}, "c, d, a.b"},
		{nil, ""},
	} {
		if got := tiers.CompactPaths(c.paths, ""); got != c.want {
			t.Errorf("CompactPaths(%q) = %q, want %q", c.paths, got, c.want)
		}
	}
}

// The staleness warning names the oldest figure an answer used, when it is
// older than the table; the table's own date otherwise; and a figure dated
// in the future.
func TestStaleFiguresWarning(t *testing.T) {
	tb := parse(t, provTable)
	tb.Origin = "t.yaml"
	price := tb.FiguresUnder([]string{"models", "m", "price_per_mtok"})
	if w := tiers.StaleFiguresWarning(tb, day("2027-01-01"), price); w != "" {
		t.Errorf("97 days: %q", w)
	}
	w := tiers.StaleFiguresWarning(tb, day("2027-04-01"), price)
	if !strings.Contains(w, "the oldest figure this answer used, models.m.price_per_mtok.input ($3), is 187 days old (as_of 2026-09-26)") ||
		!strings.HasSuffix(w, "check pricing page") {
		t.Errorf("187 days: %q", w)
	}
	// Figures as old as the table: the table's own warning.
	cw := tb.FiguresUnder([]string{"models", "m", "context_window"})
	if w := tiers.StaleFiguresWarning(tb, day("2027-07-01"), cw); !strings.Contains(w, "tier table t.yaml is 217 days old (as_of 2026-11-26)") {
		t.Errorf("table date: %q", w)
	}
	if w := tiers.StaleFiguresWarning(tb, day("2026-06-01"), price); !strings.Contains(w, "in the future") {
		t.Errorf("future: %q", w)
	}
	if w := tiers.StaleFiguresWarning(tb, day("2027-07-01"), nil); !strings.Contains(w, "is 217 days old") {
		t.Errorf("no figures: %q", w)
	}
}
