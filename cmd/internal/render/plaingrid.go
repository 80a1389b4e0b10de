package render

import (
	"bytes"
	"io"
	"strings"
)

// A grid of short, plain cells (printable ASCII, one line each: every
// table of numbers, dates and ids) is drawn here directly, in exactly the
// style tablewriter draws it, which a test checks byte for byte on random
// grids. tablewriter allocates about 25 times a cell: the 250-row day
// table of a year of usage took it 6 ms, a fifth of a whole warm `usage`
// run. Any other grid (wide or combining characters, cells of several
// lines, Markdown) goes to tablewriter.

// plainGrid reports whether g can be drawn by writePlainGrid: a header,
// rows as long as it, and nothing but printable ASCII in any cell.
func plainGrid(g Grid) bool {
	if len(g.Header) == 0 {
		return false
	}
	for _, h := range g.Header {
		if !plainCell(h) {
			return false
		}
	}
	for _, row := range g.Rows {
		if len(row) != len(g.Header) {
			return false
		}
		for _, c := range row {
			if !plainCell(c) {
				return false
			}
		}
	}
	return true
}

func plainCell(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// writePlainGrid draws a plainGrid as tablewriter's default boxed table:
// cells trimmed of spaces and padded by one space each side; a header
// centred, or aligned as its column when the grid aligns any column right;
// a rule under the header only when there are rows.
func writePlainGrid(w io.Writer, g Grid) error {
	widths := make([]int, len(g.Header))
	trim := func(s string) string { return strings.Trim(s, " ") }
	for i, h := range g.Header {
		widths[i] = len(trim(h))
	}
	for _, row := range g.Rows {
		for i, c := range row {
			widths[i] = max(widths[i], len(trim(c)))
		}
	}
	var buf bytes.Buffer
	rule := func(left, mid, right string) {
		buf.WriteString(left)
		for i, wd := range widths {
			if i > 0 {
				buf.WriteString(mid)
			}
			for k := 0; k < wd+2; k++ {
				buf.WriteString("─")
			}
		}
		buf.WriteString(right)
		buf.WriteByte('\n')
	}
	line := func(cells []string, header bool) {
		for i, c := range cells {
			c = trim(c)
			buf.WriteString("│ ")
			pad := widths[i] - len(c)
			left := 0
			switch {
			case header && len(g.RightAlign) == 0:
				left = pad / 2
			case i < len(g.RightAlign) && g.RightAlign[i]:
				left = pad
			}
			buf.WriteString(strings.Repeat(" ", left))
			buf.WriteString(c)
			buf.WriteString(strings.Repeat(" ", pad-left))
			buf.WriteByte(' ')
		}
		buf.WriteString("│\n")
	}
	rule("┌", "┬", "┐")
	line(g.Header, true)
	if len(g.Rows) > 0 {
		rule("├", "┼", "┤")
	}
	for _, row := range g.Rows {
		line(row, false)
	}
	rule("└", "┴", "┘")
	_, err := w.Write(buf.Bytes())
	return err
}
