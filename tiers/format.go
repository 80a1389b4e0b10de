package tiers

import (
	"fmt"
	"strings"
)

// GroupDigits shows a whole number with thousands separators: 2,000,000.
// Every report formats counts through it.
func GroupDigits(n int64) string {
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	return groupThousands(n)
}

// Exact shows an amount to the micro-dollar, with thousands separators and
// at least two decimals when it has any: $200,000, $3.75, $0.075. Prices and
// diffs use it: String rounds to cents, and a diff must never show 0.075 and
// 0.08 as the same text.
func (m Money) Exact() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	s := sign + "$" + groupThousands(int64(m)/1_000_000)
	if frac := int64(m) % 1_000_000; frac != 0 {
		d := strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
		if len(d) < 2 {
			d += "0"
		}
		s += "." + d
	}
	return s
}
