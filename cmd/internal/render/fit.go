package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// The compact layout. A table wider than the page is narrowed a step at a
// time until it fits: first its Wrap columns' long cells wrap onto more
// lines (none narrower than wrapFloor), then the columns in Drop are left
// out, first to last, then each Stack column moves under another's cell;
// the wrapping is tried again after every step, so a table loses no more
// than it must, and only when no step is left do cells wrap narrower. What was left
// out or moved is named under the table, with --wide to show all. A grid
// with neither Drop nor Stack loses its columns from the right, never the
// first. A table that cannot fit even so is written as narrow as it gets.

// DropFirst sets the order in which a narrow layout leaves g's columns out,
// by header; headers g does not have are passed over, and columns not named
// are never left out.
func (g Grid) DropFirst(headers ...string) Grid {
	g.Drop = g.indexes(headers)
	return g
}

// WrapCells names, by header, the columns whose long cells may wrap at
// spaces (a word too long for the column at '.', '/' or '_') to fit a
// narrow terminal before any column is left out.
func (g Grid) WrapCells(headers ...string) Grid {
	g.Wrap = g.indexes(headers)
	return g
}

// Stacking is one column (Col) that a narrow layout shows on a line of its
// own under the cell of another (Under), indented, both indexes into
// Header.
type Stacking struct{ Col, Under int }

// StackUnder adds a step to the narrow layout, after the drops: column col
// is shown under column under's cell, by header (say a field under the
// item it belongs to).
func (g Grid) StackUnder(col, under string) Grid {
	c, u := g.indexes([]string{col}), g.indexes([]string{under})
	if len(c) == 1 && len(u) == 1 && c[0] != u[0] {
		g.Stack = append(append([]Stacking(nil), g.Stack...), Stacking{c[0], u[0]})
	}
	return g
}

// indexes are the columns of g with these headers, in their order.
func (g Grid) indexes(headers []string) []int {
	var out []int
	for _, h := range headers {
		for i, x := range g.Header {
			if x == h {
				out = append(out, i)
			}
		}
	}
	return out
}

// fitTable writes g to w as a boxed table no wider than width (0: any).
func fitTable(w io.Writer, g Grid, width int) error {
	var buf bytes.Buffer
	if err := writeTable(&buf, g, nil); err != nil {
		return err
	}
	if width <= 0 || tableWidth(buf.String()) <= width {
		_, err := w.Write(buf.Bytes())
		return err
	}
	l := newLayout(g)
	fits, err := l.render(&buf, width, wrapFloor)
	if err != nil || fits {
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		return err
	}
	var dropped, moved []string
	for _, step := range l.steps(g) {
		if !step(&dropped, &moved) {
			continue
		}
		if fits, err = l.render(&buf, width, wrapFloor); err != nil {
			return err
		}
		if fits {
			break
		}
	}
	if !fits {
		if _, err := l.render(&buf, width, 0); err != nil {
			return err
		}
	}
	if len(dropped)+len(moved) > 0 {
		fmt.Fprintf(&buf, "(%s to fit %d columns; --wide shows all)\n", compactNote(dropped, moved), width)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// compactNote says what the narrow layout left out and what it moved.
func compactNote(dropped, moved []string) string {
	var parts []string
	if len(dropped) > 0 {
		parts = append(parts, strings.Join(dropped, ", ")+" left out")
	}
	if len(moved) > 0 {
		parts = append(parts, strings.Join(moved, ", "))
	}
	return strings.Join(parts, " and ")
}

// tableWidth is the widest line of a rendered table, in columns.
func tableWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, runewidth.StringWidth(l))
	}
	return w
}
