package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// niceStep is the step of about n ticks over span, rounded to 1, 2 or 5
// times a power of ten (for clock axes, to whole minutes and hours).
func niceStep(span float64, n int, u Unit) float64 {
	if span <= 0 || n < 1 {
		return 1
	}
	raw := span / float64(n)
	if u == Clock {
		for _, s := range []float64{60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600} {
			if s >= raw {
				return s
			}
		}
		return 21600
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// ticks are the multiples of step from lo to hi, inclusive.
func ticks(lo, hi, step float64) []float64 {
	var out []float64
	start := math.Ceil(lo/step-1e-9) * step
	for v := start; v <= hi+step*1e-9; v += step {
		t := math.Round(v/step) * step
		if t == 0 {
			t = 0 // not -0, which would read "-0"
		}
		out = append(out, t)
	}
	return out
}

// niceMax rounds a maximum up to a whole number of steps of about n ticks,
// so the top of the axis carries a label.
func niceMax(max float64, n int, u Unit) (top, step float64) {
	if max <= 0 {
		max = 1
	}
	step = niceStep(max, n, u)
	return math.Ceil(max/step-1e-9) * step, step
}

// Format writes v as an axis of unit u labels it.
func (u Unit) Format(v float64) string {
	switch u {
	case Tokens:
		return short(v, "")
	case Dollars:
		if math.Abs(v) < 10 && v != math.Trunc(v) {
			return "$" + strconv.FormatFloat(v, 'f', 2, 64)
		}
		return "$" + short(v, "")
	case Percent:
		return strconv.FormatFloat(math.Round(v*100), 'f', -1, 64) + "%"
	case Clock:
		m := int(math.Round(v / 60))
		return fmt.Sprintf("%02d:%02d", (m/60)%24, m%60)
	}
	return short(v, "")
}

// short writes a number in at most three significant digits with k, M or B.
func short(v float64, suffix string) string {
	a := math.Abs(v)
	for _, s := range []struct {
		div  float64
		name string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if a >= s.div {
			return trimZeros(strconv.FormatFloat(v/s.div, 'f', 1, 64)) + s.name + suffix
		}
	}
	if a != math.Trunc(a) && a < 10 {
		return trimZeros(strconv.FormatFloat(v, 'f', 2, 64)) + suffix
	}
	return strconv.FormatFloat(math.Round(v), 'f', -1, 64) + suffix
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// bounds are the x range of a figure's series and marks (categories: their
// indexes) and the top of its y axis.
func (f *Figure) bounds() (xlo, xhi, ymax float64) {
	if len(f.X.Categories) > 0 {
		return 0, float64(len(f.X.Categories) - 1), f.ymax()
	}
	xlo, xhi = math.Inf(1), math.Inf(-1)
	for _, s := range f.Series {
		for _, x := range s.X {
			xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
		}
	}
	for _, m := range f.Marks {
		xlo, xhi = math.Min(xlo, m.X), math.Max(xhi, m.X)
	}
	if math.IsInf(xlo, 0) {
		xlo, xhi = 0, 1
	}
	if xhi == xlo {
		xhi = xlo + 1
	}
	return xlo, xhi, f.ymax()
}

// ymax is the largest value the y axis must hold.
func (f *Figure) ymax() float64 {
	if f.YMax > 0 {
		return f.YMax
	}
	m := 0.0
	for _, s := range f.Series {
		for _, y := range s.Y {
			if !math.IsNaN(y) {
				m = math.Max(m, y)
			}
		}
	}
	for _, r := range f.Refs {
		m = math.Max(m, r.Y)
	}
	for _, b := range f.Bands {
		m = math.Max(m, b.Hi)
	}
	return m
}
