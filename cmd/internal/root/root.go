// Package root is tierplan's root command: the global flags (--tiers,
// -o/--output), the registration of every command, --version and shell
// completion, and Main, which runs a command line and turns its error into
// one line on stderr and an exit code.
package root

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	costcmd "github.com/tierplan/tierplan/cmd/internal/cost"
	diagnosecmd "github.com/tierplan/tierplan/cmd/internal/diagnose"
	plancmd "github.com/tierplan/tierplan/cmd/internal/plan"
	probecmd "github.com/tierplan/tierplan/cmd/internal/probe"
	proxycmd "github.com/tierplan/tierplan/cmd/internal/proxy"
	"github.com/tierplan/tierplan/cmd/internal/render"
	reportcmd "github.com/tierplan/tierplan/cmd/internal/report"
	simulatecmd "github.com/tierplan/tierplan/cmd/internal/simulate"
	statuslinecmd "github.com/tierplan/tierplan/cmd/internal/statusline"
	tierscmd "github.com/tierplan/tierplan/cmd/internal/tiers"
	usagecmd "github.com/tierplan/tierplan/cmd/internal/usage"
	"github.com/tierplan/tierplan/internal/suggest"
	"github.com/tierplan/tierplan/planner/termsafe"
)

// Main runs tierplan with args and returns the process exit code. It never
// panics on bad input: every error is one line on stderr.
func Main(args []string, env cmdutil.Env) int { return Run(cmdutil.NewApp(env), args) }

// Run is Main for an App already made: tests give one whose tier table is
// set, so output does not depend on the embedded table.
func Run(app *cmdutil.App, args []string) int {
	root := NewCmdRoot(app)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	root.SetIn(app.Env.Stdin)
	root.SetOut(app.Env.Stdout)
	root.SetErr(app.Env.Stderr)
	// ExecuteC names the command that failed, even when cobra itself
	// rejected the command line, so its usage can follow a usage error.
	failed, err := root.ExecuteC()
	app.Settle()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = unknownCommand(failed, err)
	}
	if err != nil {
		if !cmdutil.IsSilent(err) {
			fmt.Fprint(app.Env.Stderr, errorLines(err))
		}
		if cmdutil.IsUsage(err) && !cmdutil.IsBrief(err) && failed != nil {
			fmt.Fprint(app.Env.Stderr, "\n"+failed.UsageString())
		}
	}
	return cmdutil.ExitCode(err)
}

// NewCmdRoot is the root command with every command registered.
func NewCmdRoot(app *cmdutil.App) *cobra.Command {
	root := &cobra.Command{
		Use:   "tierplan",
		Short: "Plan Claude Code and Anthropic API workloads against rate-limit tiers and plans",
		Long: `tierplan tells which limit a workload hits (requests per minute, input or
output tokens per minute, a daily quota, a spend cap, a subscription window),
on which tier or plan, and what it costs.`,
		Example: `  tierplan plan --sessions 20 --tokens 800k        which tier or plan, and why
  tierplan cost --sessions 20 --tokens 800k        API or subscription, and the break-even
  tierplan simulate --tier start --devs 40         a throttled day: 429s, waits, retries
  tierplan usage                                   your Claude Code logs: tokens and cost
  tierplan plan --from-logs                        plan from what your logs say you did
  pbpaste | tierplan diagnose -                    which limit a 429 hit, and when to retry
  tierplan tiers list                              the tier table in effect`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("tierplan {{.Version}}\n")
	root.PersistentFlags().StringVar(&app.TiersFlag, "tiers", "", "tier table `FILE` (default: $TIERPLAN_TIERS, then the user config file, then the embedded table)")
	app.Output = render.FormatTable
	root.PersistentFlags().VarP(&app.Output, "output", "o", "output `FORMAT`: "+strings.Join(render.FormatNames(), "|"))
	_ = root.RegisterFlagCompletionFunc("output", cmdutil.FixedCompletion(render.FormatNames()))
	root.PersistentFlags().BoolVar(&app.Wide, "wide", false, "show every column of every table, however narrow the terminal")
	root.SetFlagErrorFunc(cmdutil.FlagError)
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if c.Flags().Changed("tiers") && app.TiersFlag == "" {
			return cmdutil.UsageErrorf("--tiers needs a FILE (leave it out for the table in effect)")
		}
		return nil
	}
	root.AddCommand(
		plancmd.NewCmdPlan(app, nil),
		costcmd.NewCmdCost(app, nil),
		simulatecmd.NewCmdSimulate(app, nil),
		usagecmd.NewCmdUsage(app, nil),
		diagnosecmd.NewCmdDiagnose(app, nil),
		probecmd.NewCmdProbe(app, nil),
		statuslinecmd.NewCmdStatusline(app, nil),
		reportcmd.NewCmdReport(app, nil),
		tierscmd.NewCmdTiers(app),
		proxycmd.NewCmdProxy(app, nil),
	)
	return root
}

// errorLines is an error as stderr shows it: each of its lines (a file
// with several problems has one each) prefixed "tierplan: ", and escaped
// for the terminal, since errors quote files, flags and answers.
func errorLines(err error) string {
	var b strings.Builder
	for _, line := range strings.Split(cmdutil.TrimNewline(err.Error()), "\n") {
		b.WriteString("tierplan: " + termsafe.Escape(line) + "\n")
	}
	return b.String()
}

// unknownCommandRE is cobra's unknown-command message. It is compiled on
// first use, not at package init: only a mistyped command needs it, and
// every command's process start would pay for it.
var unknownCommandRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown command "([^"]*)" for "([^"]*)"`) })

// unknownCommand is cobra's unknown-command error as one line, with the
// nearest command when there is one.
func unknownCommand(failed *cobra.Command, err error) error {
	m := unknownCommandRE().FindStringSubmatch(err.Error())
	if m == nil || failed == nil {
		return cmdutil.WrapUsage(err)
	}
	help := fmt.Sprintf("`%s --help` lists the commands", m[2])
	var names []string
	for _, sub := range failed.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	if s := suggest.Closest(m[1], names); s != "" {
		return cmdutil.BriefUsageErrorf("unknown command %q for %q: did you mean %q? (%s)", m[1], m[2], s, help)
	}
	return cmdutil.BriefUsageErrorf("unknown command %q for %q (%s)", m[1], m[2], help)
}
