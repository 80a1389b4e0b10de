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

	"github.com/tierplan/tierplan/planner/termsafe"
)

// JSON writes v as indented JSON with a trailing newline. What the encoder
// leaves raw that a terminal acts on (a bidi override in a project path, a
// C1 control in a model name) is written as a \u escape: the same data to a
// JSON reader, inert on a screen.
func JSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	var err error
	flush := func(b []byte) []byte {
		if err == nil {
			_, err = w.Write(termsafe.Encoded(b))
		}
		return b[:0]
	}
	out := indentWith(make([]byte, 0, jsonChunk+4096), buf.Bytes(), "  ", jsonChunk, flush)
	flush(append(out, '\n'))
	return err
}

// jsonChunk is how much indented JSON is written at a time. (A variable:
// tests make it small.)
var jsonChunk = 64 << 10

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
	_, err = w.Write(termsafe.Encoded(buf.Bytes()))
	return err
}

// clearStyle drops the flow style and the quoting that JSON input leaves on
// the nodes, so the YAML reads as block YAML; the encoder still quotes any
// string that would otherwise read back as another type. A string holding a
// character a terminal acts on is double-quoted, the one YAML style with
// escapes, so termsafe.Encoded can escape what the encoder left raw.
func clearStyle(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && !termsafe.Safe(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
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
	// Wrap lists the columns whose long cells may wrap onto more lines
	// before any column is left out (WrapCells).
	Wrap []int
	// Stack lists the columns a narrow terminal shows under another
	// column's cell rather than beside it, after the drops (StackUnder).
	Stack []Stacking
}

// Table writes a grid as a boxed, readable table; on a Page with a width,
// it fits that width (fitTable). Every cell is escaped for the terminal
// first (termsafe), so a cell from outside can neither act on the terminal
// nor throw the columns out of line.
func Table(w io.Writer, g Grid) error {
	g = g.escaped()
	if p, ok := w.(*Page); ok {
		return fitTable(w, g, p.Width)
	}
	return writeTable(w, g, nil)
}

// Markdown writes a grid as a GitHub-flavoured Markdown table, its cells
// escaped as Table's.
func Markdown(w io.Writer, g Grid) error {
	return writeTable(w, g.escaped(), renderer.NewMarkdown())
}

// escaped is the grid with every header and cell made terminal-safe.
func (g Grid) escaped() Grid {
	out := g
	out.Header = make([]string, len(g.Header))
	out.Rows = make([][]string, len(g.Rows))
	for i, h := range g.Header {
		out.Header[i] = termsafe.Escape(h)
	}
	for i, row := range g.Rows {
		out.Rows[i] = make([]string, len(row))
		for j, c := range row {
			out.Rows[i][j] = termsafe.Escape(c)
		}
	}
	return out
}

func writeTable(w io.Writer, g Grid, r tw.Renderer) error {
	if r == nil && plainGrid(g) {
		return writePlainGrid(w, g)
	}
	return writeTablewriter(w, g, r)
}

// writeTablewriter draws g with tablewriter: boxed, or by renderer r.
func writeTablewriter(w io.Writer, g Grid, r tw.Renderer) error {
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

// CSV writes a grid as RFC 4180 CSV with a header row, its cells escaped
// as Table's (CSV goes to terminals as often as to spreadsheets).
func CSV(w io.Writer, g Grid) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	g = g.escaped()
	if err := cw.Write(g.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(g.Rows); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
