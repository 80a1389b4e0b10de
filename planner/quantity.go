// Package planner is tierplan's domain: the workload and session model, the
// per-minute demand it puts on rate limits, its cost, the evaluation of every
// tier and plan, and the recommendation. It is pure: values in, values out;
// it never prints, reads flags, or touches the clock or the network.
package planner

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// ParseQuantity reads a token or request count the way people write them:
// "800k", "1.5M", "2B", "800,000", "800_000", "8e5". Suffixes are decimal
// (k = 1,000). Negative values, fractions of a token, doubled suffixes and
// values past int64 are rejected.
func ParseQuantity(s string) (int64, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty quantity")
	}
	mult := 1.0
	switch s[len(s)-1] {
	case 'k', 'K':
		mult = 1e3
	case 'm', 'M':
		mult = 1e6
	case 'b', 'B', 'g', 'G':
		mult = 1e9
	}
	if mult != 1 {
		s = s[:len(s)-1]
	}
	if !validNumber(s) {
		return 0, fmt.Errorf("%q is not a quantity (examples: 800k, 1.5M, 800,000)", orig)
	}
	clean := strings.NewReplacer(",", "", "_", "").Replace(s)
	if strings.Trim(clean, "0123456789") == "" {
		return exactQuantity(orig, clean, int64(mult))
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a quantity (examples: 800k, 1.5M, 800,000)", orig)
	}
	v := f * mult
	if v < 0 {
		return 0, fmt.Errorf("%q is negative", orig)
	}
	if v >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is too large", orig)
	}
	r := math.Round(v)
	if math.Abs(v-r) > 1e-6*math.Max(1, v) {
		return 0, fmt.Errorf("%q is not a whole number", orig)
	}
	return int64(r), nil
}

// exactQuantity multiplies an integer by its suffix without going through a
// float, so counts near the int64 limit are exact or refused, never rounded.
func exactQuantity(orig, digits string, mult int64) (int64, error) {
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is too large", orig)
	}
	return n * mult, nil
}

// validNumber accepts digits with optional ',' or '_' group separators
// between digits, one decimal point, and an optional exponent; it rejects
// signs, so "-5" fails here with a clear message instead of parsing.
func validNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' {
		return false
	}
	mantissa, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		e := strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if e == "" || strings.Trim(e, "0123456789") != "" {
			return false
		}
	}
	digits, dots := 0, 0
	for i := 0; i < len(mantissa); i++ {
		c := mantissa[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
			if dots > 1 {
				return false
			}
		case c == ',' || c == '_':
			if i == 0 || i == len(mantissa)-1 || !isDigit(mantissa[i-1]) || !isDigit(mantissa[i+1]) {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0 && commasGroupThousands(mantissa)
}

// commasGroupThousands checks that commas, where used, separate groups of
// three digits, as in 1,500,000: "1,2,3" is a typo, not 123.
func commasGroupThousands(mantissa string) bool {
	if !strings.Contains(mantissa, ",") {
		return true
	}
	whole, frac, _ := strings.Cut(mantissa, ".")
	if strings.Contains(frac, ",") {
		return false
	}
	groups := strings.Split(whole, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// FormatQuantity writes a count compactly for summaries: 800000 → "800k",
// 1500000 → "1.5M".
func FormatQuantity(n int64) string {
	abs := math.Abs(float64(n))
	switch {
	case abs >= 1e12:
		return trimFloat(float64(n)/1e12) + "T"
	case abs >= 1e9:
		return trimFloat(float64(n)/1e9) + "B"
	case abs >= 1e6:
		return trimFloat(float64(n)/1e6) + "M"
	case abs >= 1e4:
		return trimFloat(float64(n)/1e3) + "k"
	}
	return tiers.GroupDigits(n)
}

func trimFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
