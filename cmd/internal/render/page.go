package render

import (
	"bytes"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// Page is where a report's text view is written: the text itself, whether
// it is Markdown, and the columns it must fit. Tables written with Table or
// Section fit Width by dropping columns in the order their Grid gives, and
// Write wraps the sentences longer than Width; Width 0 means no limit
// (output to a file or a pipe, or --wide).
type Page struct {
	bytes.Buffer
	MD    bool
	Width int
	// drawn are the indexes of the lines written with WriteDrawn.
	drawn map[int]bool
}

// WriteDrawn adds whole lines the program drew itself, to width, with
// every string from outside in them escaped already and escape sequences
// of its own (a chart's colours): Escaped leaves them as they are.
func (p *Page) WriteDrawn(text string) {
	if text == "" {
		return
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if p.Len() > 0 && p.Bytes()[p.Len()-1] != '\n' {
		p.WriteByte('\n') // a line of the page's own text is not drawn
	}
	if p.drawn == nil {
		p.drawn = map[int]bool{}
	}
	first := bytes.Count(p.Bytes(), []byte{'\n'})
	for i := range strings.Count(strings.TrimSuffix(text, "\n"), "\n") + 1 {
		p.drawn[first+i] = true
	}
	p.WriteString(text)
}

// Wrapped is the page's text with its long sentences wrapped to Width.
func (p *Page) Wrapped() string { return wrapLines(p.String(), p.Width) }

// Escaped is the page's text as it goes to a terminal: wrapped to Width
// and every line escaped (termsafe.Text), but for the drawn lines.
func (p *Page) Escaped() string {
	if len(p.drawn) == 0 {
		return termsafe.Text(p.Wrapped())
	}
	lines := strings.Split(p.String(), "\n")
	for i, l := range lines {
		if !p.drawn[i] {
			lines[i] = termsafe.Text(wrapLines(l, p.Width))
		}
	}
	return strings.Join(lines, "\n")
}

// wrapLines wraps the lines of text wider than width at spaces, each
// continuation indented under the start of its sentence (past a "- "
// bullet). Tables, which fit by their own rules, and lines with colour
// codes (charts, drawn to width) are left alone.
func wrapLines(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		if runewidth.StringWidth(l) <= width || isTableLine(l) || strings.Contains(l, "\x1b") {
			out = append(out, l)
			continue
		}
		out = append(out, wrapLine(l, width)...)
	}
	return strings.Join(out, "\n")
}

// isTableLine says whether l is a row or border of a boxed table.
func isTableLine(l string) bool {
	t := strings.TrimLeft(l, " ")
	for _, p := range []string{"┌", "│", "├", "└", "+-", "| "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// wrapLine breaks one line at spaces; a word longer than the line stays
// whole rather than being cut.
func wrapLine(l string, width int) []string {
	body := strings.TrimLeft(l, " ")
	indent := len(l) - len(body)
	hang := indent + 2 // under the sentence, past a "- " bullet too
	words := strings.Fields(body)
	var out []string
	cur := strings.Repeat(" ", indent)
	curW, first := indent, true
	for _, w := range words {
		ww := runewidth.StringWidth(w)
		if !first && curW+1+ww > width {
			out = append(out, cur)
			cur, curW, first = strings.Repeat(" ", hang), hang, true
		}
		if !first {
			cur += " "
			curW++
		}
		cur += w
		curW += ww
		first = false
	}
	return append(out, cur)
}
