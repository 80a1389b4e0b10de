package render

import (
	"bytes"
	"fmt"
	"io"
)

// Report is what a command hands to the output formats: the model that
// json and yaml encode, the grid csv writes, and the text of the table and
// markdown views. One dispatcher (Write) serves every command, so a format
// behaves the same everywhere.
type Report struct {
	Model any
	// CSV builds the grid csv writes; nil means csv falls back to the text.
	CSV func() Grid
	// Text writes the table view, or the markdown view when md is set.
	Text func(buf *bytes.Buffer, md bool) error
}

// Write renders r in format f to w, in one write.
func Write(w io.Writer, f Format, r Report) error {
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
	var buf bytes.Buffer
	if err := r.Text(&buf, f == FormatMarkdown); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Section writes a titled grid as a boxed table, or as a Markdown heading
// and table.
func Section(buf *bytes.Buffer, title string, g Grid, md bool) error {
	if md {
		buf.WriteString("\n### " + title + "\n\n")
		return Markdown(buf, g)
	}
	buf.WriteString("\n" + title + "\n")
	return Table(buf, g)
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
