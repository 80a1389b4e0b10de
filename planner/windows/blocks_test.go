package windows

import (
	"math"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

func TestActiveBlockAgainstAllowance(t *testing.T) {
	table := testTable()
	start := t0.Add(time.Hour) // 10:00
	out := func(at time.Duration, n int64) usage.Entry {
		return usage.Entry{Time: start.Add(at), Model: "claude-sonnet-4-5-20250929", Tokens: usage.Tokens{Output: n, CacheRead: 1_000_000}}
	}
	entries := []usage.Entry{out(0, 1_000_000), out(time.Hour, 1_000_000)}
	blocks := usage.Blocks(entries, nil, table)
	plan := tiers.Plan{Name: "max", Counts: []tiers.TokenKind{tiers.KindOutput},
		Window5h: &tiers.Allowance{Low: tiers.Dollars(50), High: tiers.Dollars(150)}}
	uses := Against(blocks, entries, table, plan)
	// 2M output tokens at $15/M = $30 counted (the cache reads do not
	// count): 30/150 = 20% to 30/50 = 60% of the window.
	if len(uses) != 1 || uses[0].Counted != tiers.Dollars(30) || uses[0].CountedTokens != 2_000_000 || uses[0].Low != 0.2 || uses[0].High != 0.6 {
		t.Fatalf("Against = %+v", uses)
	}
	// At 11:30: $30 over the hour between the calls = $30/h; 3.5 h left,
	// so $30 + $105 = $135 at 15:00: 90% to 270% of the window.
	a := Active(uses, plan, start.Add(90*time.Minute))
	if a == nil || a.PerHour != tiers.Dollars(30) || a.Projected != tiers.Dollars(135) || a.Left != 210*time.Minute ||
		math.Abs(a.ProjectedLow-0.9) > 1e-9 || math.Abs(a.ProjectedHigh-2.7) > 1e-9 {
		t.Fatalf("Active = %+v", a)
	}
	// 4,000,000 tokens over 60 minutes.
	if math.Abs(a.TokensPerMinute-4e6/60) > 1e-6 {
		t.Errorf("tokens per minute %v", a.TokensPerMinute)
	}
	if Active(uses, plan, start.Add(5*time.Hour)) != nil {
		t.Errorf("a block past its end is active")
	}
	if Active(uses, plan, start.Add(-time.Minute)) != nil {
		t.Errorf("a block before its start is active")
	}
	if u := Against(blocks, entries, table, tiers.Plan{}); u[0].Low != 0 || u[0].Counted != tiers.Dollars(30.6) {
		t.Errorf("without a plan: %+v (all kinds counted: $30 + 2M cache reads at $0.30/M = $30.60)", u[0])
	}
}
