package render

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/tierplan/tierplan/planner/termsafe"
)

func wideGrid() Grid {
	return Grid{
		Header:     []string{"NAME", "COST", "DETAIL A", "DETAIL B", "VERDICT"},
		Rows:       [][]string{{"start", "$259.92", "a long detail", "another long one", "fits"}},
		RightAlign: []bool{false, true, false, false, false},
	}
}

// A table wider than the page loses the columns its grid names, in that
// order, until it fits, and says which; one that fits is left whole.
func TestFitTableDropsInOrder(t *testing.T) {
	g := wideGrid().DropFirst("DETAIL B", "DETAIL A", "NOT THERE")
	p := &Page{Width: 45}
	if err := Table(p, g); err != nil {
		t.Fatal(err)
	}
	out := p.String()
	if strings.Contains(out, "DETAIL B") && !strings.Contains(out, "(DETAIL B") || !strings.Contains(out, "DETAIL A") {
		t.Fatalf("dropped the wrong columns:\n%s", out)
	}
	if !strings.Contains(out, "(DETAIL B left out to fit 45 columns; --wide shows all)") {
		t.Errorf("no note of what was left out:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "│") && runewidth.StringWidth(l) > 45 {
			t.Errorf("row %q over 45 columns", l)
		}
	}
	whole := &Page{Width: 200}
	if err := Table(whole, g); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(whole.String(), "left out") || !strings.Contains(whole.String(), "DETAIL B") {
		t.Errorf("a table that fits lost columns:\n%s", whole.String())
	}
	// No width (a pipe, --wide): every column.
	if err := Table(&Page{}, g); err != nil {
		t.Fatal(err)
	}
}

// A grid that names no columns loses them from the right, never its first.
func TestFitTableDefaultOrder(t *testing.T) {
	p := &Page{Width: 20}
	if err := Table(p, wideGrid()); err != nil {
		t.Fatal(err)
	}
	out := p.String()
	if !strings.Contains(out, "NAME") || strings.Contains(out, "│ VERDICT") {
		t.Errorf("default order:\n%s", out)
	}
	// NAME and COST take 19 columns, which fit.
	if !strings.Contains(out, "(VERDICT, DETAIL B, DETAIL A left out") || !strings.Contains(out, "│    COST │") {
		t.Errorf("note:\n%s", out)
	}
}

// Long sentences wrap under their start (past a bullet); tables and
// coloured lines are left alone; no width, no wrapping.
func TestWrapLines(t *testing.T) {
	text := "Recommendation: pro is the cheapest option that fits\n" +
		"  - a note that is long enough to wrap here\n" +
		"│ a table row that is far too long to fit but is left │\n" +
		"\x1b[36ma coloured chart line that is long\x1b[0m\n" +
		"short\n"
	got := wrapLines(text, 24)
	want := "Recommendation: pro is\n  the cheapest option\n  that fits\n" +
		"  - a note that is long\n    enough to wrap here\n" +
		"│ a table row that is far too long to fit but is left │\n" +
		"\x1b[36ma coloured chart line that is long\x1b[0m\n" +
		"short\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if wrapLines(text, 0) != text {
		t.Error("width 0 wrapped")
	}
	if got := wrapLines("averyveryverylongwordthatcannotbreak ok", 10); got != "averyveryverylongwordthatcannotbreak\n  ok" {
		t.Errorf("long word: %q", got)
	}
}

// A page's drawn lines (a chart, its colours) go out as drawn; every other
// line, before and after them, is wrapped and escaped.
func TestPageEscapedKeepsDrawnLines(t *testing.T) {
	p := &Page{Width: 24}
	p.WriteString("a name from outside, long enough to wrap")
	p.WriteDrawn("\x1b[36m▄▄\x1b[0m chart\n\x1b[36m██\x1b[0m\n")
	p.WriteString("after \x1b]0;owned\x07\n")
	p.WriteDrawn("")
	p.WriteString("last \u202e")
	want := "a name from outside,\n  long enough to wrap\n" +
		"\x1b[36m▄▄\x1b[0m chart\n\x1b[36m██\x1b[0m\n" +
		"after \\x1b]0;owned\\x07\nlast \\u202e"
	if got := p.Escaped(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	plain := &Page{Width: 24}
	plain.WriteString("a name \x1b]0;owned\x07 from outside, long enough to wrap\n")
	if got, want := plain.Escaped(), termsafe.Text(plain.Wrapped()); got != want {
		t.Errorf("without drawn lines: %q, want %q", got, want)
	}
}
