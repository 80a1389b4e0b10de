package render

import (
	"bytes"
	"strings"

	"github.com/mattn/go-runewidth"
)

// layout is a grid being narrowed to fit a page: its columns, each marked
// as left out or not, with the cells of the columns stacked under it.
type layout struct {
	cols []*column
	rows int
}

type column struct {
	header      string
	cells       []string
	right, wrap bool
	gone        bool
}

// wordKept is the longest word a wrapping column keeps whole; longer ones
// may break after a '.', '/' or '_' that a letter follows.
const wordKept = 16

// wrapFloor is the narrowest a wrapping column gets (when it is wider)
// while the layout still has a column to leave out or move: a table loses
// a column before its cells become a few words a line.
const wrapFloor = 20

func newLayout(g Grid) *layout {
	l := &layout{rows: len(g.Rows)}
	for i, h := range g.Header {
		c := &column{header: h, right: i < len(g.RightAlign) && g.RightAlign[i]}
		for _, r := range g.Rows {
			cell := ""
			if i < len(r) {
				cell = r[i]
			}
			c.cells = append(c.cells, cell)
		}
		l.cols = append(l.cols, c)
	}
	for _, i := range g.Wrap {
		if i >= 0 && i < len(l.cols) {
			l.cols[i].wrap = true
		}
	}
	return l
}

// steps are the narrowing steps of g in order, each reporting whether it
// changed the layout and noting what it left out or moved.
func (l *layout) steps(g Grid) []func(dropped, moved *[]string) bool {
	order := g.Drop
	if order == nil && g.Stack == nil {
		for i := len(g.Header) - 1; i > 0; i-- {
			order = append(order, i)
		}
	}
	var steps []func(dropped, moved *[]string) bool
	for _, i := range order {
		steps = append(steps, func(dropped, _ *[]string) bool {
			if i < 0 || i >= len(l.cols) || l.cols[i].gone || l.live() == 1 {
				return false
			}
			l.cols[i].gone = true
			*dropped = append(*dropped, l.cols[i].header)
			return true
		})
	}
	for _, s := range g.Stack {
		steps = append(steps, func(_, moved *[]string) bool {
			if s.Col < 0 || s.Under < 0 || s.Col >= len(l.cols) || s.Under >= len(l.cols) ||
				l.cols[s.Col].gone || l.cols[s.Under].gone {
				return false
			}
			col, under := l.cols[s.Col], l.cols[s.Under]
			for r, c := range col.cells {
				if c != "" {
					under.cells[r] += "\n  " + strings.ReplaceAll(c, "\n", "\n  ")
				}
			}
			under.wrap = under.wrap || col.wrap
			col.gone = true
			*moved = append(*moved, col.header+" shown under "+under.header)
			return true
		})
	}
	return steps
}

func (l *layout) live() int {
	n := 0
	for _, c := range l.cols {
		if !c.gone {
			n++
		}
	}
	return n
}

// render writes the layout into buf with its wrapping columns as narrow as
// width needs, no narrower than floor where they are wider, and says
// whether it fits.
func (l *layout) render(buf *bytes.Buffer, width, floor int) (bool, error) {
	var live []*column
	for _, c := range l.cols {
		if !c.gone {
			live = append(live, c)
		}
	}
	caps := wrapWidths(live, width, floor)
	g := Grid{Rows: make([][]string, l.rows)}
	for i, c := range live {
		g.Header = append(g.Header, c.header)
		g.RightAlign = append(g.RightAlign, c.right)
		for r, cell := range c.cells {
			if c.wrap {
				cell = wrapCell(cell, caps[i])
			}
			g.Rows[r] = append(g.Rows[r], cell)
		}
	}
	buf.Reset()
	if err := writeTable(buf, g, nil); err != nil {
		return false, err
	}
	return tableWidth(buf.String()) <= width, nil
}

// wrapWidths are the columns' widths with the wrapping ones narrowed, the
// widest first, until the boxed table (a border and a space either side
// of each cell) fits width or none can narrow further.
func wrapWidths(cols []*column, width, floor int) []int {
	caps, mins := make([]int, len(cols)), make([]int, len(cols))
	total := 1
	for i, c := range cols {
		caps[i] = runewidth.StringWidth(c.header)
		mins[i] = caps[i]
		for _, cell := range c.cells {
			for _, line := range strings.Split(cell, "\n") {
				caps[i] = max(caps[i], runewidth.StringWidth(line))
				mins[i] = max(mins[i], minLineWidth(line))
			}
		}
		mins[i] = max(mins[i], min(caps[i], floor))
		if !c.wrap {
			mins[i] = caps[i]
		}
		total += caps[i] + 3
	}
	for ; total > width; total-- {
		widest := -1
		for i := range cols {
			if caps[i] > mins[i] && (widest < 0 || caps[i] > caps[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		caps[widest]--
	}
	return caps
}

// minLineWidth is the narrowest a line of a cell wraps to: its indent and
// its longest word, or for a word longer than wordKept its longest piece.
func minLineWidth(line string) int {
	body := strings.TrimLeft(line, " ")
	indent := len(line) - len(body)
	w := 0
	for _, word := range strings.Fields(body) {
		if runewidth.StringWidth(word) <= wordKept {
			w = max(w, runewidth.StringWidth(word))
			continue
		}
		for _, p := range wordPieces(word) {
			w = max(w, runewidth.StringWidth(p))
		}
	}
	return indent + w
}

// wrapCell wraps each line of a cell to width columns at spaces, a word
// too long for the line after a '.', '/' or '_'; continuations keep the
// line's indent. The table trims a cell's leading spaces, so its first
// line has none.
func wrapCell(cell string, width int) string {
	var out []string
	for _, line := range strings.Split(strings.TrimLeft(cell, " "), "\n") {
		if runewidth.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		body := strings.TrimLeft(line, " ")
		indent := strings.Repeat(" ", len(line)-len(body))
		cur, curW := indent, len(indent)
		empty := true
		add := func(piece string, space bool) {
			pw := runewidth.StringWidth(piece)
			if space && !empty {
				pw++
			}
			if !empty && curW+pw > width {
				out = append(out, cur)
				cur, curW, empty = indent, len(indent), true
				pw = runewidth.StringWidth(piece)
			}
			if space && !empty {
				cur += " "
			}
			cur += piece
			curW += pw
			empty = false
		}
		for _, word := range strings.Fields(body) {
			pieces := []string{word}
			if runewidth.StringWidth(word) > width-len(indent) {
				pieces = wordPieces(word)
			}
			for j, p := range pieces {
				add(p, j == 0)
			}
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// wordPieces splits a word after each '.', '/' and '_' that a letter
// follows, where a long name or path reads best broken (a version such as
// 4.5 stays whole).
func wordPieces(word string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(word); i++ {
		next := word[i+1] | 0x20
		if strings.IndexByte("./_", word[i]) >= 0 && next >= 'a' && next <= 'z' {
			out = append(out, word[start:i+1])
			start = i + 1
		}
	}
	return append(out, word[start:])
}
