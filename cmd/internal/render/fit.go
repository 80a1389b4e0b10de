package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// The compact layout. A grid lists in Drop the columns a narrow terminal
// may lose, first to last; Table drops them one by one until the table fits
// the page, then names what it left out and that --wide shows all. A grid
// without Drop loses its columns from the right, never the first. A table
// that cannot fit even so is written as narrow as it gets.

// DropFirst sets the order in which a narrow layout leaves g's columns out,
// by header; headers g does not have are passed over, and columns not named
// are never left out.
func (g Grid) DropFirst(headers ...string) Grid {
	g.Drop = nil
	for _, h := range headers {
		for i, x := range g.Header {
			if x == h {
				g.Drop = append(g.Drop, i)
			}
		}
	}
	return g
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
	order := g.Drop
	if order == nil {
		for i := len(g.Header) - 1; i > 0; i-- {
			order = append(order, i)
		}
	}
	dropped := map[int]bool{}
	var names []string
	for _, col := range order {
		if col < 0 || col >= len(g.Header) || dropped[col] || len(dropped) == len(g.Header)-1 {
			continue
		}
		dropped[col] = true
		names = append(names, g.Header[col])
		buf.Reset()
		if err := writeTable(&buf, without(g, dropped), nil); err != nil {
			return err
		}
		if tableWidth(buf.String()) <= width {
			break
		}
	}
	fmt.Fprintf(&buf, "(%s left out to fit %d columns; --wide shows all)\n", strings.Join(names, ", "), width)
	_, err := w.Write(buf.Bytes())
	return err
}

// without is g less the dropped columns.
func without(g Grid, dropped map[int]bool) Grid {
	keep := func(row []string) []string {
		var out []string
		for i, c := range row {
			if !dropped[i] {
				out = append(out, c)
			}
		}
		return out
	}
	out := Grid{Header: keep(g.Header)}
	for _, r := range g.Rows {
		out.Rows = append(out.Rows, keep(r))
	}
	for i, right := range g.RightAlign {
		if !dropped[i] {
			out.RightAlign = append(out.RightAlign, right)
		}
	}
	return out
}

// tableWidth is the widest line of a rendered table, in columns.
func tableWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, runewidth.StringWidth(l))
	}
	return w
}
