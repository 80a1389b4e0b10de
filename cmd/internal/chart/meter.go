package chart

import (
	"math"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Text draws the meter as terminal text: one bar per limit, scaled so the
// limit's line (100%) stands at the same column in every row, and the share
// and its figures after the bar. Its names are escaped for the terminal,
// so its only escape sequences are its colours.
func (m Meter) Text(st Style) string {
	m = m.escaped()
	st.Width = max(st.Width, MinWidth)
	nameW, labelW, noteW := 0, 0, 0
	top := 1.0
	for _, g := range m.Groups {
		nameW = max(nameW, runewidth.StringWidth(g.Name))
		for _, b := range g.Bars {
			labelW = max(labelW, runewidth.StringWidth(b.Label))
			noteW = max(noteW, runewidth.StringWidth(pad(shareText(b.Share), 4)+"  "+b.Note))
			top = math.Max(top, b.Share)
		}
	}
	// The bar takes what the names and the figures leave, at least 10.
	barW := max(st.Width-nameW-labelW-noteW-6, 10)
	limitCol := int(math.Round(float64(barW) / top))
	tick := "│"
	if st.ASCII {
		tick = "|"
	}
	var out []string
	if m.Title != "" {
		out = append(out, m.Title)
	}
	for _, g := range m.Groups {
		for i, b := range g.Bars {
			name := ""
			if i == 0 {
				name = g.Name
			}
			bar := barText(b.Share/top*float64(barW), barW, limitCol, st)
			line := runewidth.FillRight(name, nameW) + "  " + runewidth.FillRight(b.Label, labelW) + " " + bar + " " + pad(shareText(b.Share), 4) + "  " + b.Note
			out = append(out, strings.TrimRight(line, " "))
		}
	}
	scale := strings.Repeat(" ", nameW+labelW+3) + strings.Repeat(" ", min(limitCol, barW)) + paint(tick, refClass, st.Color) + " 100% = the limit"
	out = append(out, scale)
	return strings.Join(out, "\n") + "\n"
}

// shareText writes a share as a percentage, "<1%" when small but not none.
func shareText(s float64) string {
	if s > 0 && s < 0.01 {
		return "<1%"
	}
	return Percent.Format(s)
}

// barText is a bar of n columns (fractional: the last cell in eighths) in
// a field of w+1, with the limit's tick at column limit where the bar does
// not cover it; the part of a bar past its limit shows in the warning
// colour.
func barText(n float64, w, limit int, st Style) string {
	cells := make([]string, w+1)
	classes := make([]class, w+1)
	for i := range cells {
		cells[i] = " "
	}
	whole := int(n)
	part := int(math.Round((n - float64(whole)) * 8))
	if part == 8 {
		whole, part = whole+1, 0
	}
	full, parts, tiny := "█", []string{"▏", "▎", "▍", "▌", "▋", "▊", "▉"}, "▏"
	if st.ASCII {
		full, parts, tiny = "#", []string{"", "", "", "#", "#", "#", "#"}, "."
	}
	for i := 0; i < whole && i <= w; i++ {
		cells[i], classes[i] = full, lineClass
	}
	if part > 0 && whole <= w && parts[part-1] != "" {
		cells[whole], classes[whole] = parts[part-1], lineClass
	}
	if n > 0 && classes[0] == empty {
		cells[0], classes[0] = tiny, lineClass // a share too small to draw still shows
	}
	for i := limit + 1; i <= w; i++ {
		if classes[i] == lineClass {
			classes[i] = markClass
		}
	}
	if limit <= w && classes[limit] == empty {
		cells[limit], classes[limit] = "│", refClass
		if st.ASCII {
			cells[limit] = "|"
		}
	}
	var b strings.Builder
	for i := 0; i <= w; {
		j := i
		for j <= w && classes[j] == classes[i] {
			j++
		}
		b.WriteString(paint(strings.Join(cells[i:j], ""), classes[i], st.Color))
		i = j
	}
	return b.String()
}
