package chart

import (
	"math"
	"testing"
)

// Steps of 1, 2 or 5 times a power of ten (clock axes: whole minutes and
// hours), by hand.
func TestNiceStep(t *testing.T) {
	for _, tt := range []struct {
		span float64
		n    int
		u    Unit
		want float64
	}{
		{100, 4, Count, 50},   // 25 → 50
		{100, 5, Count, 20},   // 20 → 20
		{7, 3, Count, 5},      // 2.33 → 5
		{0.9, 3, Percent, .5}, // 0.3 → 0.5
		{1.2e6, 4, Tokens, 5e5},
		{7200, 4, Clock, 1800}, // 30 minutes
		{3 * 3600, 5, Clock, 3600},
		{0, 4, Count, 1},
	} {
		if got := niceStep(tt.span, tt.n, tt.u); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("niceStep(%g, %d) = %g, want %g", tt.span, tt.n, got, tt.want)
		}
	}
	// 430 in about 3 steps: 143 a step rounds to 200, and the top to 600.
	top, step := niceMax(430, 3, Dollars)
	if top != 600 || step != 200 {
		t.Errorf("niceMax(430) = %g, %g; want 600, 200", top, step)
	}
	if got := ticks(0, 500, 100); len(got) != 6 || got[0] != 0 || math.Signbit(got[0]) || got[5] != 500 {
		t.Errorf("ticks %v", got)
	}
}

func TestUnitFormat(t *testing.T) {
	for _, tt := range []struct {
		u    Unit
		v    float64
		want string
	}{
		{Tokens, 167_000, "167k"}, {Tokens, 1_500_000, "1.5M"}, {Tokens, 0, "0"}, {Tokens, 2e9, "2B"},
		{Dollars, 20, "$20"}, {Dollars, 2.4, "$2.40"}, {Dollars, 1500, "$1.5k"}, {Dollars, 0, "$0"},
		{Percent, 0.5, "50%"}, {Percent, 1, "100%"},
		{Clock, 9 * 3600, "09:00"}, {Clock, 13*3600 + 30*60, "13:30"},
		{Count, 12, "12"}, {Count, 1500, "1.5k"}, {Count, 0.25, "0.25"},
	} {
		if got := tt.u.Format(tt.v); got != tt.want {
			t.Errorf("%d.Format(%g) = %q, want %q", tt.u, tt.v, got, tt.want)
		}
	}
}

// Braille dots land on the cell's bits: the top left is dot 1 (U+2801),
// the bottom right dot 8 (U+2880); a segment lights every dot between its
// ends.
func TestBraille(t *testing.T) {
	c := newCanvas(2, 1, false)
	c.dot(0, 0, lineClass)
	c.dot(3, 3, lineClass)
	if got := c.line(0, false); got != "⠁⢀" {
		t.Errorf("dots: %q", got)
	}
	c = newCanvas(1, 1, false)
	c.segment(0, 0, 0, 3, lineClass) // the left column: dots 1, 2, 3, 7
	if got := c.line(0, false); got != "⡇" {
		t.Errorf("segment: %q", got)
	}
	c = newCanvas(3, 1, true)
	c.segment(0, 0, 5, 0, lineClass+1)
	if got := c.line(0, false); got != "+++" {
		t.Errorf("ascii segment: %q", got)
	}
}

// A bar of n columns: whole blocks, then eighths; the limit's tick where
// the bar stops short of it; ASCII rounds the last cell.
func TestBarText(t *testing.T) {
	for _, tt := range []struct {
		n        float64
		w, limit int
		ascii    bool
		want     string
	}{
		{2.5, 6, 4, false, "██▌ │  "},
		{2.5, 6, 4, true, "### |  "},
		{0.01, 6, 4, false, "▏   │  "},
		{5, 6, 4, false, "█████  "},
		{0, 6, 4, true, "    |  "},
	} {
		if got := barText(tt.n, tt.w, tt.limit, Style{ASCII: tt.ascii}); got != tt.want {
			t.Errorf("barText(%g, %d, %d, ascii %t) = %q, want %q", tt.n, tt.w, tt.limit, tt.ascii, got, tt.want)
		}
	}
}
