package chart

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// Text draws the figure as terminal text, st.Width columns wide at most,
// ending in a newline. Its names are escaped for the terminal, so its only
// escape sequences are its colours.
func (f Figure) Text(st Style) string {
	f = f.escaped()
	st.Width = max(st.Width, MinWidth)
	h := 10
	if st.Width >= 100 {
		h = 12
	}
	xlo, xhi, ymax := f.bounds()
	top, ystep := niceMax(ymax, h/3, f.Y.Unit)
	yticks := ticks(0, top, ystep)
	labelW := 0
	for _, v := range yticks {
		labelW = max(labelW, len(f.Y.Unit.Format(v)))
	}
	w := st.Width - labelW - 3
	c := newCanvas(w, h, st.ASCII)
	p := plotter{f: &f, c: c, xlo: xlo, xhi: xhi, top: top}
	p.bands()
	p.bars()
	p.refs()
	p.marks()
	p.lines()

	var out []string
	if f.Title != "" {
		out = append(out, f.Title)
	}
	if f.Y.Title != "" {
		out = append(out, strings.Repeat(" ", labelW+1)+f.Y.Title)
	}
	tickRow := map[int]string{}
	for _, v := range yticks[1:] {
		tickRow[p.row(v)] = f.Y.Unit.Format(v)
	}
	vbar, tee, corner, hbar, down := "│", "┤", "└", "─", "┬"
	if st.ASCII {
		vbar, tee, corner, hbar, down = "|", "+", "+", "-", "+"
	}
	for r := range h {
		label, axis := tickRow[r], vbar
		if label != "" {
			axis = tee
		}
		out = append(out, pad(label, labelW)+" "+axis+c.line(r, st.Color))
	}
	xt := p.xTicks()
	axisRow := []rune(strings.Repeat(hbar, w))
	labels := []rune(strings.Repeat(" ", w+1))
	next := 0 // the first column a label may start at
	for _, t := range xt {
		axisRow[t.col] = []rune(down)[0]
		n := runewidth.StringWidth(t.label)
		start := min(max(t.col-n/2, 0), w+1-n)
		if start < next || start < 0 {
			continue
		}
		copy(labels[start:], []rune(t.label))
		next = start + n + 1
	}
	out = append(out, pad(f.Y.Unit.Format(0), labelW)+" "+corner+string(axisRow))
	out = append(out, strings.Repeat(" ", labelW+2)+strings.TrimRight(string(labels), " "))
	if f.X.Title != "" {
		out = append(out, pad(f.X.Title, st.Width))
	}
	out = append(out, wrapWords(f.legend(st), st.Width)...)
	return strings.Join(out, "\n") + "\n"
}

// pad right-aligns s in n columns.
func pad(s string, n int) string {
	if w := runewidth.StringWidth(s); w < n {
		return strings.Repeat(" ", n-w) + s
	}
	return s
}

// legend names each series, band and mark with the character that draws it.
func (f Figure) legend(st Style) []string {
	var items []string
	glyph := func(unicode, ascii string) string {
		if st.ASCII {
			return ascii
		}
		return unicode
	}
	for i, s := range f.Series {
		if s.Name == "" {
			continue
		}
		g := glyph("⠶", string(asciiDot(seriesClass(i))))
		if s.Kind == Bars {
			g = glyph("█", "#")
		}
		items = append(items, paint(g, seriesClass(i), st.Color)+" "+s.Name)
	}
	for _, b := range f.Bands {
		items = append(items, paint(glyph("░", "."), bandClass, st.Color)+" "+b.Name)
	}
	for _, r := range f.Refs {
		items = append(items, paint(glyph("─", "-"), refClass, st.Color)+" "+r.Name)
	}
	for _, m := range f.Marks {
		items = append(items, paint(glyph("│", "|"), markClass, st.Color)+" "+m.Name)
	}
	return items
}

// wrapWords lays items out on lines of at most width columns, two spaces
// apart (colour codes take no columns).
func wrapWords(items []string, width int) []string {
	var lines []string
	cur, curW := "", 0
	for _, it := range items {
		n := visibleWidth(it)
		if curW > 0 && curW+2+n > width {
			lines = append(lines, cur)
			cur, curW = "", 0
		}
		if curW > 0 {
			cur += "  "
			curW += 2
		}
		cur += it
		curW += n
	}
	if curW > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// visibleWidth is the columns s takes, ANSI colour codes left out.
func visibleWidth(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n += runewidth.RuneWidth(r)
		}
	}
	return n
}
