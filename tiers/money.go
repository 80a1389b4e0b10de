package tiers

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Money is an amount in integer micro-dollars (1 USD = 1,000,000). Prices per
// million tokens are Money too, which makes a price per MTok exactly the
// micro-dollar cost of one token. Sums of Money never drift; rounding to cents
// happens once, when a report is rendered.
type Money int64

// Dollars makes Money from a float dollar amount, rounding to the nearest
// micro-dollar. Use it for data read from files, never for sums.
func Dollars(d float64) Money { return Money(math.Round(d * 1e6)) }

// Float is the amount in dollars, for ratios and charts only.
func (m Money) Float() float64 { return float64(m) / 1e6 }

// String renders dollars with cents, e.g. "$1,234.57"; amounts under a cent
// keep four decimals so a $0.0031 call does not read as free.
func (m Money) String() string {
	neg := m < 0
	u := uint64(m) // the magnitude, exact even for the most negative amount
	if neg {
		u = -u
	}
	var s string
	if u != 0 && u < 10_000 {
		s = "$" + strconv.FormatFloat(float64(u)/1e6, 'f', 4, 64)
	} else {
		cents := (u + 5_000) / 10_000
		s = "$" + groupDigitsUnsigned(cents/100) + fmt.Sprintf(".%02d", cents%100)
	}
	if neg {
		return "-" + s
	}
	return s
}

func groupThousands(n int64) string { return groupDigitsUnsigned(uint64(n)) }

func groupDigitsUnsigned(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// CostOf returns the cost of tokens at a price per million tokens, rounded
// half-up to the micro-dollar. The product is computed in 128 bits, so a
// billion-token month at any price cannot overflow.
func (price Money) CostOf(tokens int64) Money {
	if tokens <= 0 || price <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(tokens), uint64(price))
	lo, carry := bits.Add64(lo, 500_000, 0)
	hi += carry
	if hi >= 1_000_000 {
		return Money(math.MaxInt64)
	}
	q, _ := bits.Div64(hi, lo, 1_000_000)
	if q > math.MaxInt64 {
		return Money(math.MaxInt64)
	}
	return Money(q)
}

// Scale multiplies an amount by a ratio (a batch discount, a share, the
// sessions of a month), rounding to the micro-dollar; a product beyond
// MaxMoney stops there.
func (m Money) Scale(f float64) Money {
	x := math.Round(float64(m) * f)
	switch {
	case math.IsNaN(x):
		return 0
	case x >= math.MaxInt64:
		return MaxMoney
	case x <= -math.MaxInt64:
		return -MaxMoney
	}
	return Money(x)
}

// MaxMoney is the most Money holds, about $9.2 trillion. Sums and products
// that would pass it stop at it (Plus, Times, Scale, CostOf) instead of
// wrapping around to a negative amount, and Saturated tells a report that
// an amount is beyond counting.
const MaxMoney = Money(math.MaxInt64)

// Plus adds two amounts, stopping at ±MaxMoney.
func (m Money) Plus(o Money) Money {
	sum := m + o // wraps around on overflow, which the signs reveal
	switch {
	case m > 0 && o > 0 && sum < 0:
		return MaxMoney
	case m < 0 && o < 0 && sum >= 0:
		return -MaxMoney
	}
	return sum
}

// Times multiplies an amount by a count (developers, seats), stopping at
// ±MaxMoney.
func (m Money) Times(n int64) Money {
	if m == 0 || n == 0 {
		return 0
	}
	p := m * Money(n)
	if p/Money(n) != m || (m == -1 && n == math.MinInt64) || (n == -1 && m == math.MinInt64) {
		if (m > 0) == (n > 0) {
			return MaxMoney
		}
		return -MaxMoney
	}
	return p
}

// Saturated reports whether an amount reached MaxMoney (or its negative):
// the true figure is beyond what Money counts.
func (m Money) Saturated() bool { return m >= MaxMoney || m <= -MaxMoney }

// MarshalJSON writes the exact amount in dollars as a JSON number with up to
// six decimals ("12.5", "0.025762"), so machine readers get every
// micro-dollar and no float noise.
func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(m.Decimal()), nil
}

// Decimal is the exact amount in dollars without trailing zeros.
func (m Money) Decimal() string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-m)
	}
	s := strconv.FormatUint(u/1_000_000, 10)
	if frac := u % 1_000_000; frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}
