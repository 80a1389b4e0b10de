// Package report is `tierplan report`: one self-contained HTML file with a
// workload's plan (every tier and plan, the recommendation), its charts and
// its cost curve, and with --from-logs the logged days and 5-hour blocks.
// The page makes no outside request: its CSS and SVG are inline, it runs no
// script, it follows the reader's light or dark scheme and prints cleanly.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/termsafe"
)

// Options are report's command line.
type Options struct {
	App *cmdutil.App
	// Workload holds the workload flags (--sessions, --tokens, …).
	Workload *cmdutil.WorkloadFlags
	Files    []string
	// Out is the HTML file to write ("" or "-": stdout).
	Out string
	// FromLogs reads Claude Code logs: "auto" for the default locations,
	// else comma-separated paths; "" when not given.
	FromLogs string
	Since    string
	TZ       string
	// Plan is the plan 5-hour blocks are set against (default: the plan
	// recommended for the logged workload, if a plan is).
	Plan string
	// command is the command line as given, for the page's footer.
	command string
}

// NewCmdReport is the report command; runF, when set, runs instead of
// reportRun (tests check flag parsing with it).
func NewCmdReport(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "One self-contained HTML report: the plan, the recommendation, charts and the cost curve",
		Long: `report writes one HTML file that needs nothing else: the workload, every
tier and plan with its verdict, the recommendation, a session's context call
by call, the busiest minute against each tier, and the monthly bill against
sessions per day with each plan's price and break-even point. With
--from-logs it plans the workload your Claude Code logs show and adds your
cost per day and your 5-hour blocks against a plan's allowance.

The page loads nothing from anywhere (no script, font, image or style from
outside), follows the reader's light or dark setting, and prints.`,
		Example: `  tierplan report --sessions 20 --tokens 800k --out plan.html
  tierplan report --from-logs --out my-usage.html
  tierplan report -f team.yaml > team.html`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			opts.command = commandLine(c.Flags())
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	fs := cmd.Flags()
	opts.Workload = cmdutil.AddWorkloadFlags(fs)
	fs.StringArrayVarP(&opts.Files, "file", "f", nil, "workload `FILE` (YAML; may hold several named workloads); flags override its values")
	fs.StringVar(&opts.Out, "out", "", "write the HTML to `FILE` (default: stdout)")
	fs.StringVar(&opts.FromLogs, "from-logs", "", "plan the workload Claude Code's logs show and chart them: bare for the default locations, or =`PATHS` (comma-separated)")
	fs.Lookup("from-logs").NoOptDefVal = cmdutil.FromLogsAuto
	fs.StringVar(&opts.Since, "since", "", "with --from-logs: only logs from this `DATE` on (YYYY-MM-DD or YYYYMMDD)")
	fs.StringVar(&opts.TZ, "tz", "", "with --from-logs: time `ZONE` of days and blocks (IANA name, or UTC; default: local time)")
	fs.StringVar(&opts.Plan, "plan", "", "with --from-logs: set the 5-hour blocks against this `PLAN` (default: the recommended plan)")
	return cmd
}

// commandLine is the command as the user could type it again.
func commandLine(fs *pflag.FlagSet) string {
	parts := []string{"tierplan report"}
	fs.Visit(func(f *pflag.Flag) {
		if f.Name == "out" {
			return
		}
		v := f.Value.String()
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			v = strings.Join(sv.GetSlice(), ",")
		}
		if f.NoOptDefVal != "" && v == f.NoOptDefVal {
			parts = append(parts, "--"+f.Name)
			return
		}
		parts = append(parts, "--"+f.Name+" "+shellQuote(v))
	})
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`;&|<>*?()[]{}~#!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// reportRun builds the page and writes it, to the file whole or not at all.
func reportRun(opts *Options) error {
	if opts.FromLogs == "" && (opts.Since != "" || opts.TZ != "" || opts.Plan != "") {
		return cmdutil.UsageErrorf("--since, --tz and --plan need --from-logs")
	}
	page, err := buildPage(opts)
	if err != nil {
		return err
	}
	opts.App.WarnStale()
	var b strings.Builder
	if err := pageTemplate().Execute(&b, page); err != nil {
		return err
	}
	// html/template escapes for HTML, not for a terminal: a workload's or
	// a tier table's name from outside could still carry an escape
	// sequence to the terminal the page is written (or cat) to.
	html := termsafe.Text(b.String())
	if opts.Out == "" || opts.Out == "-" {
		_, err := io.WriteString(opts.App.Env.Stdout, html)
		return err
	}
	if err := userfile.WriteFile(opts.Out, []byte(html), userfile.Options{}); err != nil {
		return fmt.Errorf("--out %s: %v", opts.Out, cmdutil.PathErrorCause(err))
	}
	return nil
}
