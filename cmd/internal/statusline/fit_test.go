package statusline

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestFit(t *testing.T) {
	seg := func(prio int, forms ...string) segment {
		s := segment{prio: prio}
		for _, f := range forms {
			s.forms = append(s.forms, form{{f, plain}})
		}
		return s
	}
	segs := []segment{seg(0, "AAAAAAAAAA", "AAAA"), seg(1, "BBBBBBBB", "BB"), seg(2, "CCCCCC", "C")}
	for _, c := range []struct {
		width int
		want  string
	}{
		{80, "AAAAAAAAAA │ BBBBBBBB │ CCCCCC"}, // 30 cells: all in full
		{25, "AAAAAAAAAA │ BBBBBBBB │ C"},      // the least important shortened first
		{19, "AAAAAAAAAA │ BB │ C"},
		{13, "AAAA │ BB │ C"},
		{9, "AAAA │ BB"},      // all at their shortest: the least important dropped
		{6, "AAAA"},           // then the next
		{15, "AAAA │ BB │ C"}, // all shown at their shortest rather than fewer in full
	} {
		got := line(fit(segs, c.width), c.width, false)
		if got != c.want {
			t.Errorf("width %d: %q, want %q", c.width, got, c.want)
		}
	}
	// A segment longer than the width at its shortest is cut.
	if got := line(fit([]segment{seg(0, strings.Repeat("x", 30))}, 10), 10, false); got != "xxxxxxxxx…" {
		t.Errorf("cut: %q", got)
	}
}

// TestSeparatorWidth checks that the separator is counted as runewidth
// counts the segments, in both kinds of locale: "│" is East Asian
// Ambiguous, so " │ " is 3 cells in most and 4 in a CJK one, and a line
// that fits at 30 cells in the first must lose a form in the second.
func TestSeparatorWidth(t *testing.T) {
	wasEastAsian := runewidth.DefaultCondition.EastAsianWidth
	t.Cleanup(func() { runewidth.DefaultCondition.EastAsianWidth = wasEastAsian })
	segs := []segment{
		{prio: 0, forms: []form{{{"AAAAAAAAAA", plain}}}},
		{prio: 1, forms: []form{{{"BBBBBBBB", plain}}}},
		{prio: 2, forms: []form{{{"CCCCCC", plain}}, {{"C", plain}}}},
	}
	for _, c := range []struct {
		eastAsian bool
		width     int
		want      string
	}{
		// 10 + 8 + 6 + 2 separators of 3 = 30: all in full.
		{false, 3, "AAAAAAAAAA │ BBBBBBBB │ CCCCCC"},
		// 10 + 8 + 6 + 2 separators of 4 = 32 > 30: C shortened, to 27.
		{true, 4, "AAAAAAAAAA │ BBBBBBBB │ C"},
	} {
		runewidth.DefaultCondition.EastAsianWidth = c.eastAsian
		if got := separatorWidth(); got != c.width || got != runewidth.StringWidth(separator) {
			t.Errorf("east asian %v: separator %d cells, want %d (runewidth: %d)",
				c.eastAsian, got, c.width, runewidth.StringWidth(separator))
		}
		if got := line(fit(segs, 30), 30, false); got != c.want {
			t.Errorf("east asian %v, width 30: %q, want %q", c.eastAsian, got, c.want)
		}
	}
}
