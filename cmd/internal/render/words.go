package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/tierplan/tierplan/tiers"
)

// The small words of every report: counts with their noun, numbers and
// percentages as people read them. One place, so "1 session" and "2
// sessions" read the same in every command.

// Plural writes a count and its noun: "1 call", "1,024 calls".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return tiers.GroupDigits(int64(n)) + " " + word + "s"
}

// PluralF is Plural for fractional counts: "1 session", "2.5 sessions".
func PluralF(f float64, word string) string {
	if f == 1 {
		return "1 " + word
	}
	return Num(f) + " " + word + "s"
}

// Num writes a number in the fewest digits that read back as it.
func Num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Pct writes a share as a whole percentage, and a share under 1% that is
// not zero as "<1%", so a small load never reads as none.
func Pct(x float64) string {
	if x > 0 && x < 0.01 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

// Round rounds x to places decimals, for figures a report shows rounded.
func Round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
