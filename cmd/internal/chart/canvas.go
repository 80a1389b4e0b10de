package chart

import (
	"strings"
)

// Style is how a chart is drawn as terminal text.
type Style struct {
	// Width is the columns the whole chart may take.
	Width int
	// ASCII draws with plain ASCII instead of braille and block characters
	// (--ascii, TERM=dumb).
	ASCII bool
	// Color adds ANSI colours (on a terminal, never with NO_COLOR).
	Color bool
}

// MinWidth is the narrowest chart drawn; a narrower Style is widened to it.
const MinWidth = 40

// class is what a cell shows, for its colour and for which layer wins.
type class uint8

const (
	empty class = iota
	bandClass
	barClass
	refClass
	markClass
	lineClass // series 0; series i is lineClass+i
)

// ansi are the colours of the classes; series cycle through four.
var ansi = map[class]string{bandClass: "34", refClass: "33", markClass: "31", lineClass: "36", lineClass + 1: "35", lineClass + 2: "32", lineClass + 3: "33"}

func seriesClass(i int) class { return lineClass + class(i%4) }

// cell is one character of the plot; dots are a braille cell's dots.
type cell struct {
	r    rune
	c    class
	dots uint8
}

// canvas is the plot area: w columns by h rows, row 0 at the top.
type canvas struct {
	w, h  int
	cells [][]cell
	ascii bool
}

func newCanvas(w, h int, ascii bool) *canvas {
	c := &canvas{w: w, h: h, ascii: ascii, cells: make([][]cell, h)}
	for i := range c.cells {
		c.cells[i] = make([]cell, w)
	}
	return c
}

// set puts r in a cell unless a cell of a higher class is there.
func (c *canvas) set(col, row int, r rune, cl class) {
	if col < 0 || row < 0 || col >= c.w || row >= c.h {
		return
	}
	if cur := &c.cells[row][col]; cl >= cur.c {
		*cur = cell{r: r, c: cl}
	}
}

// text writes s from col on row, over whatever is there.
func (c *canvas) text(col, row int, s string, cl class) {
	for _, r := range s {
		if col >= 0 && col < c.w && row >= 0 && row < c.h {
			c.cells[row][col] = cell{r: r, c: cl}
		}
		col++
	}
}

// braille bits of the dot at (dx, dy) within a cell: columns of 1, 2, 3, 7
// and 4, 5, 6, 8 in the Unicode braille block.
var brailleBits = [2][4]uint8{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

// dot sets one braille dot at sub-cell position (x, y): two dots across and
// four down per cell. In ASCII a dot fills its cell with '*'.
func (c *canvas) dot(x, y int, cl class) {
	col, row := x/2, y/4
	if col < 0 || row < 0 || col >= c.w || row >= c.h || x < 0 || y < 0 {
		return
	}
	if c.ascii {
		c.set(col, row, asciiDot(cl), cl)
		return
	}
	cur := &c.cells[row][col]
	if cur.c != cl || cur.dots == 0 {
		if cur.c > cl {
			return
		}
		*cur = cell{c: cl}
	}
	cur.dots |= brailleBits[x%2][y%4]
	cur.r = rune(0x2800 + int(cur.dots))
}

// asciiDot is the character of a series' line in ASCII, one per series so
// lines tell apart without colour.
func asciiDot(cl class) rune { return []rune("*+ox")[int(cl-lineClass)%4] }

// segment joins two dots with a straight line (Bresenham).
func (c *canvas) segment(x0, y0, x1, y1 int, cl class) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		c.dot(x0, y0, cl)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// line renders one row, with colours when on.
func (c *canvas) line(row int, color bool) string {
	var b strings.Builder
	cur := empty
	cells := c.cells[row]
	for len(cells) > 0 && (cells[len(cells)-1].r == 0 || cells[len(cells)-1].r == ' ') {
		cells = cells[:len(cells)-1]
	}
	for _, x := range cells {
		r := x.r
		if r == 0 {
			r = ' '
		}
		if color && x.c != cur && r != ' ' {
			if cur != empty {
				b.WriteString("\x1b[0m")
			}
			cur = empty
			if code, ok := ansi[x.c]; ok {
				b.WriteString("\x1b[" + code + "m")
				cur = x.c
			}
		}
		b.WriteRune(r)
	}
	if color && cur != empty {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// paint wraps s in the colour of cl when colours are on.
func paint(s string, cl class, color bool) string {
	code, ok := ansi[cl]
	if !color || !ok || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}
