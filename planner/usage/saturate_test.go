package usage

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
	"github.com/tierplan/tierplan/tiers"
)

func TestAddSat(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{
		{1, 2, 3},
		{math.MaxInt64 - 1, 1, math.MaxInt64},
		{math.MaxInt64 - 1, 2, math.MaxInt64},
		{math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{0, 0, 0},
	} {
		if got := addSat(c.a, c.b); got != c.want {
			t.Errorf("addSat(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestUsageSumsNeverOverflow: token and money sums inside the bounds a
// line may hold used to wrap into negative totals (−$4.5T over 400k lines
// at the per-field cap). Three lines at the cap priced at $9 trillion per
// MTok pass the int64 range: the cost stops at the largest value and the
// report says so.
func TestUsageSumsNeverOverflow(t *testing.T) {
	table := testTable()
	table.Models[0].Price.Output = tiers.Money(9e12)
	table.Models[0].LongContext = nil
	at := time.Date(2025, 11, 4, 9, 0, 0, 0, time.UTC)
	capped := Tokens{Input: transcript.MaxTokenCount, Output: transcript.MaxTokenCount, CacheWrite5m: transcript.MaxTokenCount, CacheWrite1h: transcript.MaxTokenCount, CacheRead: transcript.MaxTokenCount}
	var entries []Entry
	for i := 0; i < 3; i++ {
		entries = append(entries, Entry{Time: at.Add(time.Duration(i) * time.Second), SessionID: "s", Model: "claude-sonnet-4-5", Tokens: capped})
	}
	r := BuildReport(DataOf(entries, nil), table, ReportOptions{})
	if r.Totals.CostUSD != math.MaxInt64 || r.Days[0].CostUSD != math.MaxInt64 {
		t.Fatalf("cost %d, day %d: want the cap", r.Totals.CostUSD, r.Days[0].CostUSD)
	}
	if r.Totals.TotalTokens != 15*transcript.MaxTokenCount {
		t.Fatalf("total tokens %d", r.Totals.TotalTokens)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].What, "the totals shown stop there") {
		t.Fatalf("problems %+v", r.Problems)
	}

	var sum Tokens
	huge := Tokens{Input: math.MaxInt64 / 2, Output: 1, CacheRead: math.MaxInt64 / 2}
	for i := 0; i < 3; i++ {
		sum.Add(huge)
	}
	if sum.Input != math.MaxInt64 || sum.Output != 3 || sum.Total() != math.MaxInt64 || sum.Context() != math.MaxInt64 {
		t.Fatalf("sum %+v total %d", sum, sum.Total())
	}
}
