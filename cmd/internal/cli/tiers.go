package cli

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func newTiersCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "List, show, check, create, edit and compare tier tables",
		Long: `A tier table (tiers.yaml) holds every limit, price and plan tierplan plans
against. Vendors change them without notice: these commands show what is in
effect, check an edited table, and say what changed.

The table in effect is --tiers FILE, else $TIERPLAN_TIERS, else the user's
file (` + "`tierplan tiers path`" + ` shows where), else the table built into tierplan.`,
		Args: argsUsage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	for _, build := range []func(*App) *cobra.Command{
		newTiersListCmd, newTiersShowCmd, newTiersValidateCmd, newTiersPathCmd, newTiersInitCmd, newTiersEditCmd, newTiersDiffCmd,
	} {
		cmd.AddCommand(build(app))
	}
	return cmd
}

// loadTableFile loads a tier table named on the command line; "-" is not
// special, but the name "default" is the embedded table when no such file
// exists, so `tiers diff default FILE` reads naturally.
func loadTableFile(path string) (*tiers.Table, error) {
	if path == embeddedName {
		if _, err := tiers.ReadFile(path); err != nil {
			return tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
		}
	}
	t, err := tiers.Load(tiers.Source{Path: path, Reason: "argument"}, tierplan.DefaultTiers)
	if err != nil {
		return nil, err
	}
	t.Origin = path
	return t, nil
}

// embeddedName names the embedded table on the command line.
const embeddedName = "default"

// completeTableNames offers the names of the tiers, plans and models of the
// table in effect, for shell completion.
func completeTableNames(app *App) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		t, err := app.Table()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, n := range tableNames(t) {
			if strings.HasPrefix(n, prefix) {
				out = append(out, n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// tableNames lists every tier, plan and model name, sorted.
func tableNames(t *tiers.Table) []string {
	var names []string
	for _, x := range t.Tiers {
		names = append(names, x.Name)
	}
	for _, x := range t.Plans {
		names = append(names, x.Name)
	}
	for _, x := range t.Models {
		names = append(names, x.Name)
	}
	sort.Strings(names)
	return names
}
