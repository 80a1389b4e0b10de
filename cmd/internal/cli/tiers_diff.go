package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// tiersDiffReport is `tiers diff -o json`.
type tiersDiffReport struct {
	SchemaVersion int          `json:"schema_version"`
	Old           diffSideJSON `json:"old"`
	New           diffSideJSON `json:"new"`
	Equal         bool         `json:"equal"`
	Changes       []changeJSON `json:"changes"`
}

type diffSideJSON struct {
	Origin string `json:"origin"`
	AsOf   string `json:"as_of"`
}

type changeJSON struct {
	Change  string `json:"change"`
	Section string `json:"section"`
	Name    string `json:"name,omitempty"`
	Field   string `json:"field,omitempty"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
}

func newTiersDiffCmd(app *App) *cobra.Command {
	var renames []string
	cmd := &cobra.Command{
		Use:   "diff [A [B]]",
		Short: "What changed between two tier tables (exit 1 when they differ)",
		Long: `diff lists the tiers, plans, models and limits added, removed or changed from
table A to table B, with old → new values. With no arguments A is the built-in
table and B the table in effect (what your file changes); with one, A is that
file and B the table in effect. The name "default" means the built-in table.
A vendor's renamed tier reads as one removed and one added; --rename
tier-1=start compares them field by field. Like diff(1), it exits 0 when the
tables are equal and 1 when they differ. A table that cannot be read or is
invalid also exits 1, but then stdout stays empty and stderr has one line
starting "tierplan: " (FILE:LINE: what is wrong): a script tells "differ"
from "failed" by whether anything was printed on stdout. A bad flag or
argument exits 2.`,
		Example: `  tierplan tiers diff
  tierplan tiers diff tiers/examples/anthropic-2026-04.yaml
  tierplan tiers diff tiers/examples/anthropic-2026-04.yaml default --rename tier-1=start,tier-2=build
  tierplan tiers diff old.yaml new.yaml -o json`,
		Args: argsUsage(cobra.MaximumNArgs(2)),
		RunE: func(_ *cobra.Command, args []string) error {
			pairs, err := parseRenames(renames)
			if err != nil {
				return err
			}
			return runTiersDiff(app, args, pairs)
		},
	}
	cmd.Flags().StringSliceVar(&renames, "rename", nil, "compare model, tier or plan `OLD=NEW` of A with NEW of B (repeatable, or comma-separated)")
	return cmd
}

func runTiersDiff(app *App, args []string, renames map[string]string) error {
	var a, b *tiers.Table
	var err error
	switch len(args) {
	case 0:
		a, err = tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	default:
		a, err = loadTableFile(args[0])
	}
	if err != nil {
		return err
	}
	if len(args) == 2 {
		b, err = loadTableFile(args[1])
	} else {
		b, err = app.Table()
	}
	if err != nil {
		return err
	}
	changes, err := tiers.DiffRenamed(a, b, renames)
	if err != nil {
		return usageErrorf("%v", err)
	}
	rep := diffReport(a, b, changes)
	if err := writeDiffReport(app, rep); err != nil {
		return err
	}
	if !rep.Equal {
		return silentExit(ExitError)
	}
	return nil
}

func diffReport(a, b *tiers.Table, changes []tiers.Change) tiersDiffReport {
	rep := tiersDiffReport{SchemaVersion: 1, Equal: len(changes) == 0, Changes: []changeJSON{},
		Old: diffSideJSON{a.Origin, a.AsOf.Format("2006-01-02")},
		New: diffSideJSON{b.Origin, b.AsOf.Format("2006-01-02")}}
	for _, c := range changes {
		rep.Changes = append(rep.Changes, changeJSON{string(c.Kind), c.Section, c.Name, c.Field, c.Old, c.New})
	}
	return rep
}

func writeDiffReport(app *App, rep tiersDiffReport) error {
	w := app.env.Stdout
	switch app.output {
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
	md := app.output == render.FormatMarkdown
	var buf bytes.Buffer
	heading := fmt.Sprintf("%s (as of %s) → %s (as of %s): ", rep.Old.Origin, rep.Old.AsOf, rep.New.Origin, rep.New.AsOf)
	if rep.Equal {
		heading += "no differences"
	} else {
		heading += plural(len(rep.Changes), "change")
	}
	if md {
		fmt.Fprintf(&buf, "## %s\n", heading)
	} else {
		fmt.Fprintln(&buf, heading)
	}
	if !rep.Equal {
		g := render.Grid{Header: []string{"CHANGE", "ITEM", "FIELD", "OLD", "NEW"},
			RightAlign: []bool{false, false, false, false, false}}
		for _, c := range rep.Changes {
			g.Rows = append(g.Rows, []string{c.Change, itemName(c.Section, c.Name), c.Field, shorten(c.Old), shorten(c.New)})
		}
		var err error
		if md {
			buf.WriteString("\n")
			err = render.Markdown(&buf, g)
		} else {
			err = render.Table(&buf, g)
		}
		if err != nil {
			return err
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func itemName(section, name string) string {
	if name == "" {
		return section
	}
	return section + " " + name
}

// shorten keeps long values (sources, notes) from widening the table past
// reading; -o json has them whole.
func shorten(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// changeLine is one change as a line of text: "~ tier start:
// limits.sonnet-4.itpm 30,000 → 2,000,000".
func changeLine(c tiers.Change) string {
	item := itemName(c.Section, c.Name)
	switch {
	case c.Kind == tiers.Added && c.Field == "":
		return fmt.Sprintf("+ %s (%s)", item, c.New)
	case c.Kind == tiers.Removed && c.Field == "":
		return fmt.Sprintf("- %s (%s)", item, c.Old)
	case c.Kind == tiers.Added:
		return fmt.Sprintf("+ %s: %s (%s)", item, c.Field, c.New)
	case c.Kind == tiers.Removed:
		return fmt.Sprintf("- %s: %s (%s)", item, c.Field, c.Old)
	}
	return fmt.Sprintf("~ %s: %s %s → %s", item, c.Field, shorten(c.Old), shorten(c.New))
}
