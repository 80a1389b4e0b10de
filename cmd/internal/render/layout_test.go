package render

import (
	"strings"
	"testing"
)

// A cell wraps at spaces; a word longer than the column breaks after a
// '.', '/' or '_' that a letter follows (never inside a version); a
// stacked line's continuations keep its indent.
func TestWrapCell(t *testing.T) {
	for _, c := range []struct {
		cell  string
		width int
		want  string
	}{
		{"past 200,000 input tokens", 12, "past 200,000\ninput tokens"},
		{"short", 12, "short"},
		{"  indented first line", 10, "indented\nfirst line"},
		{"model opus\n  speed.output_tokens_per_second", 16, "model opus\n  speed.output_\n  tokens_per_\n  second"},
		{"mythos-5.2-fast", 8, "mythos-5.2-fast"},
		{"docs/en/api", 6, "docs/\nen/api"},
	} {
		if got := wrapCell(c.cell, c.width); got != c.want {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", c.cell, c.width, got, c.want)
		}
	}
}

// A table too wide wraps its Wrap columns first (no column lost when that
// is enough), then leaves out the Drop columns, then stacks; the note names
// both steps.
func TestFitTableWrapsThenDropsThenStacks(t *testing.T) {
	g := Grid{Header: []string{"CHANGE", "ITEM", "FIELD", "OLD", "NEW"},
		Rows: [][]string{{"changed", "model opus", "speed.first_token_s", "none at all in this table", "2.7 seconds to the first token"}}}
	g = g.WrapCells("ITEM", "FIELD", "OLD", "NEW").DropFirst("CHANGE").StackUnder("FIELD", "ITEM")

	// Unwrapped, the table is 107 columns: 1 + (7+3) + (10+3) + (19+3) +
	// (25+3) + (30+3). OLD and NEW wrapped to 20 make it 92; without
	// CHANGE, 82.
	for width, note := range map[int]string{107: "", 95: "", 85: "(CHANGE left out to fit 85 columns; --wide shows all)"} {
		p := &Page{Width: width}
		if err := Table(p, g); err != nil {
			t.Fatal(err)
		}
		out := p.Wrapped()
		if note == "" && (strings.Contains(out, "left out") || !strings.Contains(out, "│ CHANGE ")) ||
			note != "" && !strings.Contains(out, note) {
			t.Errorf("at %d columns:\n%s", width, out)
		}
		if w := tableWidth(out); w > width {
			t.Errorf("%d columns wide, over %d:\n%s", w, width, out)
		}
	}

	p := &Page{Width: 50}
	if err := Table(p, g); err != nil {
		t.Fatal(err)
	}
	out := p.String()
	if !strings.Contains(out, "(CHANGE left out and FIELD shown under ITEM to fit 50 columns; --wide shows all)") ||
		!strings.Contains(out, "│ model opus") || !strings.Contains(out, "│   speed.   ") {
		t.Errorf("stacked layout:\n%s", out)
	}
	if w := tableWidth(p.Wrapped()); w > 50 {
		t.Errorf("%d columns wide, over 50:\n%s", w, out)
	}
}

// Wrapping alone that makes a table fit leaves no note: nothing is lost.
func TestFitTableWrapOnly(t *testing.T) {
	g := Grid{Header: []string{"METRIC", "VALUE"}, RightAlign: []bool{false, true},
		Rows: [][]string{{"calls not sent (session stopped by a quota or the cap)", "0"}}}.WrapCells("METRIC")
	p := &Page{Width: 40}
	if err := Table(p, g); err != nil {
		t.Fatal(err)
	}
	// 40 columns leave METRIC 28 (40 - 1 - 3 - 8): it wraps to lines of
	// 23, 25 and 4 columns, and is as wide as its widest.
	want := "┌───────────────────────────┬───────┐\n" +
		"│ METRIC                    │ VALUE │\n" +
		"├───────────────────────────┼───────┤\n" +
		"│ calls not sent (session   │     0 │\n" +
		"│ stopped by a quota or the │       │\n" +
		"│ cap)                      │       │\n" +
		"└───────────────────────────┴───────┘\n"
	if p.String() != want {
		t.Errorf("got\n%s\nwant\n%s", p.String(), want)
	}
}
