package shared

import (
	"fmt"
	"io"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// DiffReportJSON is `tiers diff -o json` (and `tiers pull --diff`).
type DiffReportJSON struct {
	SchemaVersion int          `json:"schema_version"`
	Old           DiffSideJSON `json:"old"`
	New           DiffSideJSON `json:"new"`
	Equal         bool         `json:"equal"`
	Changes       []ChangeJSON `json:"changes"`
}

// DiffSideJSON names one of the two tables compared.
type DiffSideJSON struct {
	Origin string `json:"origin"`
	AsOf   string `json:"as_of"`
}

// ChangeJSON is one change.
type ChangeJSON struct {
	Change  string `json:"change"`
	Section string `json:"section"`
	Name    string `json:"name,omitempty"`
	Field   string `json:"field,omitempty"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
}

// DiffReport is the changes from a to b in the report's words.
func DiffReport(a, b *tiers.Table, changes []tiers.Change) DiffReportJSON {
	rep := DiffReportJSON{SchemaVersion: 1, Equal: len(changes) == 0, Changes: []ChangeJSON{},
		Old: DiffSideJSON{a.Origin, a.AsOf.Format("2006-01-02")},
		New: DiffSideJSON{b.Origin, b.AsOf.Format("2006-01-02")}}
	for _, c := range changes {
		rep.Changes = append(rep.Changes, ChangeJSON{string(c.Kind), c.Section, c.Name, c.Field, c.Old, c.New})
	}
	return rep
}

// WriteDiff writes a diff report in the format chosen: a heading and a
// table of changes, or JSON, YAML, CSV, Markdown. The table fits width
// columns (0: any): long values wrap, then CHANGE is left out (an added
// item has no old value, a removed one no new), then FIELD goes under ITEM.
func WriteDiff(w io.Writer, format render.Format, rep DiffReportJSON, width int) error {
	switch format {
	case render.FormatJSON:
		return render.JSON(w, rep)
	case render.FormatYAML:
		return render.YAML(w, rep)
	case render.FormatCSV:
		g := render.Grid{Header: []string{"change", "section", "name", "field", "old", "new"}}
		for _, c := range rep.Changes {
			g.Rows = append(g.Rows, []string{c.Change, c.Section, c.Name, c.Field, c.Old, c.New})
		}
		return render.CSV(w, g)
	}
	md := format == render.FormatMarkdown
	buf := &render.Page{MD: md, Width: width}
	if md {
		buf.Width = 0
	}
	heading := fmt.Sprintf("%s (as of %s) → %s (as of %s): ", rep.Old.Origin, rep.Old.AsOf, rep.New.Origin, rep.New.AsOf)
	if rep.Equal {
		heading += "no differences"
	} else {
		heading += render.Plural(len(rep.Changes), "change")
	}
	if md {
		fmt.Fprintf(buf, "## %s\n", heading)
	} else {
		fmt.Fprintln(buf, heading)
	}
	if !rep.Equal {
		g := render.Grid{Header: []string{"CHANGE", "ITEM", "FIELD", "OLD", "NEW"},
			RightAlign: []bool{false, false, false, false, false}}
		g = g.WrapCells("ITEM", "FIELD", "OLD", "NEW").DropFirst("CHANGE").StackUnder("FIELD", "ITEM")
		for _, c := range rep.Changes {
			old, nu := ShortenPair(c.Old, c.New)
			g.Rows = append(g.Rows, []string{c.Change, ItemName(c.Section, c.Name), Shorten(c.Field), old, nu})
		}
		var err error
		if md {
			buf.WriteString("\n")
			err = render.Markdown(buf, g)
		} else {
			err = render.Table(buf, g)
		}
		if err != nil {
			return err
		}
	}
	return render.WriteText(w, []byte(buf.Wrapped()))
}
