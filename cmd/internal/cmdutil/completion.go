package cmdutil

import "github.com/spf13/cobra"

// FixedCompletion completes a flag from a fixed list of values, and never
// from file names.
func FixedCompletion(values []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
