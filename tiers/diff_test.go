package tiers

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// baseTable is a small table built in Go, so each test changes one thing
// and expects exactly the changes it made.
func baseTable() *Table {
	return &Table{
		Provider: "anthropic", Title: "t", Source: "https://example.com",
		AsOf: time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC),
		Models: []Model{{
			Name: "sonnet", Match: []string{"claude-sonnet-4-6"}, Pool: "sonnet-4", ContextWindow: 200_000,
			Price:         Prices{Input: Dollars(3), Output: Dollars(15), CacheWrite5m: Dollars(3.75), CacheWrite1h: Dollars(6), CacheRead: Dollars(0.3)},
			BatchDiscount: 0.5, OTPMAccounting: OTPMActual,
			LongContext: &LongContext{Threshold: 200_000, Price: Prices{Input: Dollars(6), Output: Dollars(22.5),
				CacheWrite5m: Dollars(7.5), CacheWrite1h: Dollars(12), CacheRead: Dollars(0.6)}},
		}},
		Tiers: []Tier{{
			Name: "tier-1", Reached: "deposit $5", MonthlySpendCap: Dollars(100), HasSpendCap: true,
			Limits: map[string]Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}},
		}},
		Plans: []Plan{{Name: "pro", PriceMonthly: Dollars(20),
			Window5h: &Allowance{Low: Dollars(3.3), High: Dollars(6.6), Estimate: true, Source: "s"},
			Counts:   []TokenKind{KindInput, KindOutput}}},
	}
}

func TestDiffEqual(t *testing.T) {
	if got := Diff(baseTable(), baseTable()); len(got) != 0 {
		t.Fatalf("equal tables differ: %+v", got)
	}
}

func TestDiffChanges(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Table)
		want   []Change
	}{
		{"limit raised", func(b *Table) { b.Tiers[0].Limits["sonnet-4"] = Limits{RPM: 50, ITPM: 2_000_000, OTPM: 8_000} },
			[]Change{{Changed, "tier", "tier-1", "limits.sonnet-4.itpm", "30,000", "2,000,000"}}},
		{"limit added to a pool", func(b *Table) {
			b.Tiers[0].Limits["sonnet-4"] = Limits{RPM: 50, ITPM: 30_000, OTPM: 8_000, RequestsPerDay: 10_000}
		},
			[]Change{{Changed, "tier", "tier-1", "limits.sonnet-4.requests_per_day", "none", "10,000"}}},
		{"pool added", func(b *Table) {
			b.Tiers[0].Limits = map[string]Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}, "opus-4": {RPM: 50, TPM: 1_000}}
		},
			[]Change{{Added, "tier", "tier-1", "limits.opus-4", "", "rpm 50, tpm 1,000"}}},
		{"pool removed", func(b *Table) { b.Tiers[0].Limits = map[string]Limits{} },
			[]Change{{Removed, "tier", "tier-1", "limits.sonnet-4", "rpm 50, itpm 30,000, otpm 8,000", ""}}},
		{"spend cap dropped", func(b *Table) { b.Tiers[0].HasSpendCap, b.Tiers[0].MonthlySpendCap = false, 0 },
			[]Change{{Changed, "tier", "tier-1", "monthly_spend_cap", "$100", "none"}}},
		// 0.30 → 0.075 must not round to "$0.08".
		{"cache read price", func(b *Table) { b.Models[0].Price.CacheRead = Dollars(0.075) },
			[]Change{{Changed, "model", "sonnet", "price_per_mtok.cache_read", "$0.30", "$0.075"}}},
		{"long context gone", func(b *Table) { b.Models[0].LongContext = nil },
			[]Change{{Changed, "model", "sonnet", "long_context", "past 200,000 input tokens: $6 in / $22.50 out per MTok", "none"}}},
		{"long context threshold", func(b *Table) {
			b.Models[0].LongContext = &LongContext{Threshold: 272_000, Price: b.Models[0].LongContext.Price}
		},
			[]Change{{Changed, "model", "sonnet", "long_context.threshold", "200,000", "272,000"}}},
		{"tier renamed without --rename", func(b *Table) { b.Tiers[0].Name = "start" },
			[]Change{{Removed, "tier", "tier-1", "", "cap $100/month, limits for 1 pool", ""},
				{Added, "tier", "start", "", "", "cap $100/month, limits for 1 pool"}}},
		{"plan allowance and counts", func(b *Table) {
			b.Plans[0].Window5h = &Allowance{Low: Dollars(3.3), High: Dollars(13.2), Estimate: true, Source: "s"}
			b.Plans[0].Counts = append(b.Plans[0].Counts, KindCacheRead)
		}, []Change{{Changed, "plan", "pro", "window_5h.high", "$6.60", "$13.20"},
			{Changed, "plan", "pro", "counts", "input, output", "input, output, cache_read"}}},
		{"plan added", func(b *Table) { b.Plans = append(b.Plans, Plan{Name: "max-5x", PriceMonthly: Dollars(100)}) },
			[]Change{{Added, "plan", "max-5x", "", "", "$100/month"}}},
		{"as_of and title", func(b *Table) { b.AsOf, b.Title = b.AsOf.AddDate(0, 6, 0), "" },
			[]Change{{Changed, "table", "", "as_of", "2026-04-23", "2026-10-23"}, {Changed, "table", "", "title", "t", "none"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := baseTable()
			c.change(b)
			if d := cmp.Diff(c.want, Diff(baseTable(), b)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestDiffRenamed(t *testing.T) {
	b := baseTable()
	b.Tiers[0].Name = "start"
	b.Tiers[0].Limits["sonnet-4"] = Limits{RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000}
	got, err := DiffRenamed(baseTable(), b, map[string]string{"tier-1": "start"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Changed, "tier", "start", "name", "tier-1", "start"},
		{Changed, "tier", "start", "limits.sonnet-4.rpm", "50", "1,000"},
		{Changed, "tier", "start", "limits.sonnet-4.itpm", "30,000", "2,000,000"},
		{Changed, "tier", "start", "limits.sonnet-4.otpm", "8,000", "400,000"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if _, err := DiffRenamed(baseTable(), b, map[string]string{"tier-9": "start"}); err == nil {
		t.Error("renaming an unknown tier should fail")
	}
	two := map[string]string{"tier-1": "start", "tier-2": "start"}
	if _, err := DiffRenamed(baseTable(), b, two); err == nil || !strings.Contains(err.Error(), "tier-1 and tier-2 are both renamed to start") {
		t.Errorf("two renames onto one name: err %v", err)
	}
	if a := baseTable(); a.Tiers[0].Name != "tier-1" {
		t.Error("DiffRenamed changed its input")
	}
}

func TestMoneyExact(t *testing.T) {
	cases := map[Money]string{
		Dollars(200_000): "$200,000", Dollars(3.75): "$3.75", Dollars(0.3): "$0.30", Dollars(0.075): "$0.075",
		125: "$0.000125", 0: "$0", -Dollars(1.5): "-$1.50", Dollars(1_234_567.5): "$1,234,567.50",
	}
	for m, want := range cases {
		if got := m.Exact(); got != want {
			t.Errorf("%d.Exact() = %q, want %q", m, got, want)
		}
	}
}
