// Package diff is `tierplan tiers diff`: the tiers, plans, models and limits
// added, removed or changed between two tier tables, exiting 1 when they
// differ, as diff(1) does.
package diff

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
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

// Options are tiers diff's command line.
type Options struct {
	App *cmdutil.App
	// Args are A and B, as given (none, one or two).
	Args []string
	// Renames are the --rename pairs, OLD=NEW as typed.
	Renames []string
}

// NewCmdDiff is the tiers diff command; runF, when set, runs instead of
// diffRun (tests check flag parsing with it).
func NewCmdDiff(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
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
		Args: cmdutil.ArgsUsage(cobra.MaximumNArgs(2)),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Renames, "rename", nil, "compare model, tier or plan `OLD=NEW` of A with NEW of B (repeatable, or comma-separated)")
	return cmd
}

// diffRun compares A (the built-in table by default) with B (the table in
// effect by default); differences make the exit code 1.
func diffRun(opts *Options) error {
	app, args := opts.App, opts.Args
	renames, err := parseRenames(opts.Renames)
	if err != nil {
		return err
	}
	var a, b *tiers.Table
	switch len(args) {
	case 0:
		a, err = tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	default:
		a, err = shared.LoadTableFile(args[0])
	}
	if err != nil {
		return err
	}
	if len(args) == 2 {
		b, err = shared.LoadTableFile(args[1])
	} else {
		b, err = app.Table()
	}
	if err != nil {
		return err
	}
	changes, err := tiers.DiffRenamed(a, b, renames)
	if err != nil {
		return cmdutil.UsageErrorf("%v", err)
	}
	rep := diffReport(a, b, changes)
	if err := writeDiffReport(app, rep); err != nil {
		return err
	}
	if !rep.Equal {
		return cmdutil.SilentExit(cmdutil.ExitError)
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

func writeDiffReport(app *cmdutil.App, rep tiersDiffReport) error {
	w := app.Env.Stdout
	switch app.Output {
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
	md := app.Output == render.FormatMarkdown
	var buf bytes.Buffer
	heading := fmt.Sprintf("%s (as of %s) → %s (as of %s): ", rep.Old.Origin, rep.Old.AsOf, rep.New.Origin, rep.New.AsOf)
	if rep.Equal {
		heading += "no differences"
	} else {
		heading += render.Plural(len(rep.Changes), "change")
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
			g.Rows = append(g.Rows, []string{c.Change, shared.ItemName(c.Section, c.Name), c.Field, shared.Shorten(c.Old), shared.Shorten(c.New)})
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
