package render

import (
	"fmt"
	"io"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// Report is what a command hands to the output formats: the model that
// json and yaml encode, the grid csv writes, and the text of the table and
// markdown views. One dispatcher (Write) serves every command, so a format
// behaves the same everywhere.
type Report struct {
	Model any
	// CSV builds the grid csv writes; nil means csv falls back to the text.
	CSV func() Grid
	// Text writes the table view, or the Markdown view when p.MD is set.
	Text func(p *Page) error
}

// Write renders r in format f to w, in one write; the text views fit width
// columns (0: no limit).
func Write(w io.Writer, f Format, r Report, width int) error {
	switch f {
	case FormatJSON:
		return JSON(w, r.Model)
	case FormatYAML:
		return YAML(w, r.Model)
	case FormatCSV:
		if r.CSV != nil {
			return CSV(w, r.CSV())
		}
	}
	p := &Page{MD: f == FormatMarkdown, Width: width}
	if p.MD {
		p.Width = 0 // Markdown is for a renderer, which fits it itself
	}
	if err := r.Text(p); err != nil {
		return err
	}
	_, err := io.WriteString(w, p.Escaped())
	return err
}

// WriteText writes a report's text, every line escaped for the terminal
// (termsafe.Text): the last guard for text from outside (a workload's name,
// a tier table's title, a model or project from the logs) that reached a
// report line unescaped. Commands that build their text themselves write it
// with this too.
func WriteText(w io.Writer, text []byte) error {
	_, err := io.WriteString(w, termsafe.Text(string(text)))
	return err
}

// Section writes a titled grid as a boxed table, or as a Markdown heading
// and table.
func Section(p *Page, title string, g Grid) error {
	if p.MD {
		p.WriteString("\n### " + title + "\n\n")
		return Markdown(p, g)
	}
	p.WriteString("\n" + title + "\n")
	return Table(p, g)
}

// TableOrMarkdown writes g as the page's format asks.
func TableOrMarkdown(p *Page, g Grid) error {
	if p.MD {
		return Markdown(p, g)
	}
	return Table(p, g)
}

// Summary writes a report's title and its summary lines: indented under
// the title as text, a heading and a bullet list in Markdown.
func Summary(w io.Writer, title string, lines []string, md bool) {
	if md {
		fmt.Fprintf(w, "### %s\n\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "- %s\n", l)
		}
		return
	}
	fmt.Fprintln(w, title)
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
}
