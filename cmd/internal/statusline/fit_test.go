package statusline

import (
	"strings"
	"testing"
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
