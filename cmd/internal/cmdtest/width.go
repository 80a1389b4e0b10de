package cmdtest

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// CheckFits fails the test for every line of out wider than width columns
// on a terminal (display width: a wide character takes two).
func CheckFits(t testing.TB, out string, width int) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if n := runewidth.StringWidth(l); n > width {
			t.Errorf("line %d is %d columns wide, over %d:\n%s", i+1, n, width, l)
		}
	}
}

// CheckHeaders fails the test unless the header row of a boxed table in
// out names every one of headers, in order: the columns --wide keeps.
func CheckHeaders(t testing.TB, out string, headers ...string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "│") {
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(l, "│"), "│") {
			cells = append(cells, strings.TrimSpace(c))
		}
		if strings.Join(cells, "|") == strings.Join(headers, "|") {
			return
		}
	}
	t.Errorf("no table with the columns %s:\n%s", strings.Join(headers, ", "), out)
}
