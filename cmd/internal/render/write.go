package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"gopkg.in/yaml.v3"
)

// JSON writes v as indented JSON with a trailing newline.
func JSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// YAML writes v as YAML. It goes through JSON first so the field names and
// omissions are exactly those of the JSON contract.
func YAML(w io.Writer, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(raw, &node); err != nil {
		return err
	}
	clearStyle(&node)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&node); err != nil {
		return err
	}
	_ = enc.Close()
	_, err = w.Write(buf.Bytes())
	return err
}

// clearStyle drops the flow style and the quoting that JSON input leaves on
// the nodes, so the YAML reads as block YAML; the encoder still quotes any
// string that would otherwise read back as another type.
func clearStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		clearStyle(c)
	}
}

// Grid is a header and rows of cells: the tabular part of a report.
type Grid struct {
	Header []string
	Rows   [][]string
	// RightAlign marks numeric columns.
	RightAlign []bool
	// Drop lists the columns (indexes into Header) a narrow terminal may
	// leave out, the first to go first; see fitTable.
	Drop []int
}

// Table writes a grid as a boxed, readable table; on a Page with a width,
// it fits that width (fitTable).
func Table(w io.Writer, g Grid) error {
	if p, ok := w.(*Page); ok {
		return fitTable(w, g, p.Width)
	}
	return writeTable(w, g, nil)
}

// Markdown writes a grid as a GitHub-flavoured Markdown table.
func Markdown(w io.Writer, g Grid) error {
	return writeTable(w, g, renderer.NewMarkdown())
}

func writeTable(w io.Writer, g Grid, r tw.Renderer) error {
	var buf bytes.Buffer
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	}
	if r != nil {
		opts = append(opts, tablewriter.WithRenderer(r))
	}
	if len(g.RightAlign) > 0 {
		align := make(tw.Alignment, len(g.Header))
		for i := range align {
			align[i] = tw.AlignLeft
			if i < len(g.RightAlign) && g.RightAlign[i] {
				align[i] = tw.AlignRight
			}
		}
		opts = append(opts, tablewriter.WithAlignment(align))
	}
	t := tablewriter.NewTable(&buf, opts...)
	t.Header(toAny(g.Header)...)
	if err := t.Bulk(g.Rows); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// CSV writes a grid as RFC 4180 CSV with a header row.
func CSV(w io.Writer, g Grid) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(g.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(g.Rows); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
