// Package cli wires tierplan's commands: flags in, domain calls, a report out.
// Nothing here computes a plan; it only translates between the user and the
// planner and tiers packages.
package cli

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// version is set at build time with -ldflags "-X …cli.version=v1.2.3";
// otherwise it is the module version go install recorded, or "dev".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	// A build from a checkout: name the commit when the build recorded it.
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev (" + s.Value[:12] + ")"
		}
	}
	return "dev"
}

// Main runs tierplan with args and returns the process exit code. It never
// panics on bad input: every error is one line on stderr.
func Main(args []string, env Env) int {
	app := &App{env: env}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	// ExecuteC names the command that failed, even when cobra itself
	// rejected the command line, so its usage can follow a usage error.
	failed, err := root.ExecuteC()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = usageError{err: err}
	}
	if err != nil {
		var ce exitCodeError
		if !(errors.As(err, &ce) && ce.msg == "") {
			fmt.Fprintf(env.Stderr, "tierplan: %s\n", trimNewline(err.Error()))
		}
		var ue usageError
		if errors.As(err, &ue) && failed != nil {
			fmt.Fprint(env.Stderr, "\n"+failed.UsageString())
		}
	}
	return exitCode(err)
}

// trimNewline drops trailing newlines, so every message ends in exactly one.
func trimNewline(s string) string { return strings.TrimRight(s, "\n") }

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "tierplan",
		Short: "Plan Claude Code and Anthropic API workloads against rate-limit tiers and plans",
		Long: `tierplan tells which limit a workload hits (requests per minute, input or
output tokens per minute, a daily quota, a spend cap, a subscription window),
on which tier or plan, and what it costs.`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("tierplan {{.Version}}\n")
	root.PersistentFlags().StringVar(&app.tiersFlag, "tiers", "", "tier table `FILE` (default: $TIERPLAN_TIERS, then the user config file, then the embedded table)")
	app.output = render.FormatTable
	root.PersistentFlags().VarP(&app.output, "output", "o", "output format: "+strings.Join(render.FormatNames(), "|"))
	_ = root.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return render.FormatNames(), cobra.ShellCompDirectiveNoFileComp
	})
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err: err} })
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if c.Flags().Changed("tiers") && app.tiersFlag == "" {
			return usageErrorf("--tiers needs a FILE (leave it out for the table in effect)")
		}
		return nil
	}
	for _, build := range []func(*App) *cobra.Command{
		newPlanCmd, newCostCmd, newSimulateCmd, newUsageCmd, newDiagnoseCmd, newProbeCmd, newTiersCmd,
	} {
		root.AddCommand(build(app))
	}
	return root
}

// argsUsage wraps a cobra positional-args check so its failures are usage
// errors (exit 2, usage shown).
func argsUsage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return usageError{err: err}
		}
		return nil
	}
}
