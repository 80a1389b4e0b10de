// Package shared is what the tiers verbs share: loading a table named on the
// command line, completing names, the JSON shapes of a tier table, the limit
// columns of list and show, and a change as a line of text. The verbs
// import it; it imports none of them.
package shared

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/tiers"
)

// LoadTableFile loads a tier table named on the command line; "-" is not
// special, but the name "default" is the embedded table when no such file
// exists, so `tiers diff default FILE` reads naturally.
func LoadTableFile(path string) (*tiers.Table, error) {
	if path == EmbeddedName {
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

// EmbeddedName names the embedded table on the command line.
const EmbeddedName = "default"

// CompleteTableNames offers the names of the tiers, plans and models of the
// table in effect, for shell completion.
func CompleteTableNames(app *cmdutil.App) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		t, err := app.Table()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, n := range TableNames(t) {
			if strings.HasPrefix(n, prefix) {
				out = append(out, n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// TableNames lists every tier, plan and model name, sorted.
func TableNames(t *tiers.Table) []string {
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
