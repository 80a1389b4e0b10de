// Package diff is `tierplan tiers diff`: the tiers, plans, models and limits
// added, removed or changed between two tier tables, exiting 1 when they
// differ, as diff(1) does.
package diff

import (
	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

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
tier-1=start compares them field by field (a plan whose former name B lists
among its aliases is matched up without it). After an item's changed values
come its figures whose confidence changed (official → third-party, …). Like diff(1), it exits 0 when the
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
	rep := shared.DiffReport(a, b, changes)
	if err := shared.WriteDiff(app.Env.Stdout, app.Output, rep, app.Width()); err != nil {
		return err
	}
	if !rep.Equal {
		return cmdutil.SilentExit(cmdutil.ExitError)
	}
	return nil
}
