package cli

import (
	"bytes"
	"fmt"
	"io"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// report is what a command hands to the output formats: the model that
// json and yaml encode, the grid csv writes, and the text of the table and
// markdown views. One dispatcher serves every command, so a format behaves
// the same everywhere.
type report struct {
	model any
	csv   func() render.Grid
	text  func(buf *bytes.Buffer, md bool) error
}

// write renders r in the format the user chose, to stdout in one write.
func (a *App) write(r report) error {
	w := a.env.Stdout
	switch a.output {
	case render.FormatJSON:
		return render.JSON(w, r.model)
	case render.FormatYAML:
		return render.YAML(w, r.model)
	case render.FormatCSV:
		if r.csv != nil {
			return render.CSV(w, r.csv())
		}
	}
	var buf bytes.Buffer
	if err := r.text(&buf, a.output == render.FormatMarkdown); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// section writes a titled grid as a boxed table, or as a Markdown heading
// and table.
func section(buf *bytes.Buffer, title string, g render.Grid, md bool) error {
	if md {
		buf.WriteString("\n### " + title + "\n\n")
		return render.Markdown(buf, g)
	}
	buf.WriteString("\n" + title + "\n")
	return render.Table(buf, g)
}

// writeSummary writes a report's title and its summary lines: indented under
// the title as text, a heading and a bullet list in Markdown.
func writeSummary(w io.Writer, title string, lines []string, md bool) {
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
