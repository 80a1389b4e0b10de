// Package tiers is `tierplan tiers`, the parent of the verbs that list,
// show, check, create, edit and compare tier tables; each verb is a package
// of its own below this one, and what they share is in tiers/shared.
package tiers

import (
	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	tierscalibrate "github.com/tierplan/tierplan/cmd/internal/tiers/calibrate"
	tiersdiff "github.com/tierplan/tierplan/cmd/internal/tiers/diff"
	tiersedit "github.com/tierplan/tierplan/cmd/internal/tiers/edit"
	tiersinit "github.com/tierplan/tierplan/cmd/internal/tiers/init"
	tierslist "github.com/tierplan/tierplan/cmd/internal/tiers/list"
	tierspath "github.com/tierplan/tierplan/cmd/internal/tiers/path"
	tierspull "github.com/tierplan/tierplan/cmd/internal/tiers/pull"
	tiersshow "github.com/tierplan/tierplan/cmd/internal/tiers/show"
	tiersvalidate "github.com/tierplan/tierplan/cmd/internal/tiers/validate"
)

// NewCmdTiers is the tiers command with its verbs.
func NewCmdTiers(app *cmdutil.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "List, show, check, create, edit, compare, calibrate and pull tier tables",
		Long: `A tier table (tiers.yaml) holds every limit, price and plan tierplan plans
against. Vendors change them without notice: these commands show what is in
effect, check an edited table, and say what changed.

The table in effect is --tiers FILE, else $TIERPLAN_TIERS, else the user's
file (` + "`tierplan tiers path`" + ` shows where), else the table built into tierplan.`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		tierslist.NewCmdList(app, nil),
		tiersshow.NewCmdShow(app, nil),
		tiersvalidate.NewCmdValidate(app, nil),
		tierspath.NewCmdPath(app, nil),
		tiersinit.NewCmdInit(app, nil),
		tiersedit.NewCmdEdit(app, nil),
		tiersdiff.NewCmdDiff(app, nil),
		tierscalibrate.NewCmdCalibrate(app, nil),
		tierspull.NewCmdPull(app, nil),
	)
	return cmd
}
