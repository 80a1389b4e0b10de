package tiers

import (
	"math"
	"testing"
)

func TestCostOf(t *testing.T) {
	cases := []struct {
		price  Money
		tokens int64
		want   Money
	}{
		// $3/MTok × 1,000,000 tokens = $3.
		{Dollars(3), 1_000_000, Dollars(3)},
		// $0.30/MTok × 18,452 tokens = $0.0055356.
		{Dollars(0.30), 18_452, 5_536},
		// $6/MTok × 2,140 = $0.01284.
		{Dollars(6), 2_140, 12_840},
		// $15/MTok × 1 token = 15 µ$.
		{Dollars(15), 1, 15},
		// $0.01/MTok × 49 tokens = 0.49 µ$ → rounds to 0; × 50 → 0.5 → 1.
		{Dollars(0.01), 49, 0},
		{Dollars(0.01), 50, 1},
		// 10^12 tokens at $75/MTok = $75,000,000 without overflow.
		{Dollars(75), 1_000_000_000_000, Dollars(75_000_000)},
		{Dollars(3), 0, 0},
		{Dollars(3), -5, 0},
	}
	for _, c := range cases {
		if got := c.price.CostOf(c.tokens); got != c.want {
			t.Errorf("%v.CostOf(%d) = %d µ$, want %d", c.price, c.tokens, got, c.want)
		}
	}
	if got := Dollars(1000).CostOf(math.MaxInt64); got != Money(math.MaxInt64) {
		t.Errorf("overflow should saturate, got %d", got)
	}
}

func TestMoneyFormats(t *testing.T) {
	cases := []struct {
		m             Money
		str, decimals string
	}{
		{Dollars(1234.567), "$1,234.57", "1234.567"},
		{0, "$0.00", "0"},
		{3_100, "$0.0031", "0.0031"},
		{Dollars(-2.5), "-$2.50", "-2.5"},
		{25_762, "$0.03", "0.025762"},
		{Dollars(200_000), "$200,000.00", "200000"},
	}
	for _, c := range cases {
		if got := c.m.String(); got != c.str {
			t.Errorf("String(%d) = %q, want %q", c.m, got, c.str)
		}
		if got := c.m.Decimal(); got != c.decimals {
			t.Errorf("Decimal(%d) = %q, want %q", c.m, got, c.decimals)
		}
	}
}

// TestMoneyArithmeticStopsAtItsBounds: sums and products stop at MaxMoney
// instead of wrapping to a negative amount ($-9,223,372,036,854.-77 was
// printed once), and the most negative amount prints correctly.
func TestMoneyArithmeticStopsAtItsBounds(t *testing.T) {
	if got := MaxMoney.Plus(1); got != MaxMoney || !got.Saturated() {
		t.Errorf("MaxMoney+1 = %d", got)
	}
	if got := (-MaxMoney).Plus(-5); got != -MaxMoney {
		t.Errorf("-MaxMoney-5 = %d", got)
	}
	if got := Money(2_000_000).Plus(-3_000_000); got != -1_000_000 || got.Saturated() {
		t.Errorf("2-3 = %d", got)
	}
	if got := Dollars(200).Times(1_000_000); got != Dollars(200_000_000) {
		t.Errorf("$200 × 1e6 = %v", got)
	}
	if got := Dollars(9e9).Times(1_000_000_000); got != MaxMoney {
		t.Errorf("$9e9 × 1e9 = %v", got)
	}
	if got := Dollars(9e9).Times(-1_000_000_000); got != -MaxMoney {
		t.Errorf("$9e9 × -1e9 = %v", got)
	}
	if got := MaxMoney.Scale(2); got != MaxMoney {
		t.Errorf("MaxMoney × 2 = %d", got)
	}
	if got := Money(1_000_000).Scale(1e300); got != MaxMoney {
		t.Errorf("$1 × 1e300 = %d", got)
	}
	for m, want := range map[Money]string{
		MaxMoney:              "$9,223,372,036,854.78",
		-MaxMoney:             "-$9,223,372,036,854.78",
		Money(-MaxMoney - 1):  "-$9,223,372,036,854.78",
		Money(-1_234_567_890): "-$1,234.57",
		Money(-3_100):         "-$0.0031",
		MaxPricePerMTok:       "$100,000.00",
		MaxAmount:             "$1,000,000,000.00",
	} {
		if got := m.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int64(m), got, want)
		}
	}
}
