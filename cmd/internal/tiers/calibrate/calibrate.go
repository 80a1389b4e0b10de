// Package calibrate is `tierplan tiers calibrate`: the allowance of one
// plan, measured from the window history the status line records and the
// logs (as `usage --windows` shows it), written into the user's own tier
// table, so plan and cost answer with the user's own figures.
package calibrate

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"time"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// Options are tiers calibrate's command line.
type Options struct {
	App *cmdutil.App
	// Paths are the logs to read (none: Claude Code's own directories).
	Paths   []string
	Plan    string
	History string
	DryRun  bool
}

// NewCmdCalibrate is the tiers calibrate command; runF, when set, runs
// instead of calibrateRun (tests check flag parsing with it).
func NewCmdCalibrate(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "calibrate --plan NAME [PATH...]",
		Short: "Write a plan's allowances measured from your own logs into your tier table",
		Long: `calibrate measures what one percent of the 5-hour and weekly windows holds,
from the window history ` + "`tierplan statusline`" + ` records and the logs (as
` + "`tierplan usage --windows`" + ` shows it), and writes the figures into the table in
effect as the plan's window_5h and weekly allowances: the 95% band times 100,
in the plan's counting basis, with estimate: true and a source naming the
observations and their dates. The table in effect is --tiers FILE, else
$TIERPLAN_TIERS, else your own file, which is created from the built-in table
when you have none. Only the allowances' lines change; the lines they
replace are kept as comments. A window with fewer than ` + fmt.Sprint(windows.MinObservations) + ` observations
is left as it is.`,
		Example: `  tierplan tiers calibrate --plan max
  tierplan tiers calibrate --plan max --dry-run
  tierplan tiers calibrate --plan max ~/.claude/projects laptop.tpu`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return calibrateRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Plan, "plan", "", "the plan to calibrate (`NAME`, as the table names it)")
	f.StringVar(&opts.History, "history", "", "the window history `FILE` (default: $XDG_STATE_HOME/tierplan/windows.log)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the table as it would be written instead of writing it")
	_ = cmd.MarkFlagRequired("plan")
	return cmd
}

// allowanceKeys maps the history's windows to a plan's allowances.
var allowanceKeys = []struct{ window, key, name string }{
	{windows.FiveHour, "window_5h", "5-hour"},
	{windows.SevenDay, "weekly", "weekly"},
}

func calibrateRun(opts *Options) error {
	app := opts.App
	path, src, created, err := target(app)
	if err != nil {
		return err
	}
	table, err := tiers.Parse(path, src)
	if err != nil {
		return err
	}
	plan, renamed, ok := table.PlanOrAlias(opts.Plan) // a former name (max-5x) is accepted, with a note
	app.Note(renamed)
	if !ok {
		var names []string
		for _, p := range table.Plans {
			names = append(names, p.Name)
		}
		return cmdutil.UsageErrorf("--plan %q: no plan of that name in %s; its plans: %s", opts.Plan, path, strings.Join(names, ", "))
	}
	history := opts.History
	if history == "" {
		history = cmdutil.WindowHistoryPath(app)
	}
	readings, _, err := windows.Read(history)
	if err != nil {
		return fmt.Errorf("window history %s: %v", history, cmdutil.PathErrorCause(err))
	}
	data, err := cmdutil.ReadLogs(app, opts.Paths, cmdutil.LogWindow{Loc: time.UTC})
	if err != nil {
		return err
	}
	estimates := windows.EstimateAll(readings, data.Entries(), table, plan.Counts)
	now := app.Env.Clock()
	note := "replaced by tierplan tiers calibrate on " + now.Format("2006-01-02")
	var changed []string
	for _, k := range allowanceKeys {
		e, found := estimateOf(estimates, k.window)
		if !found || !e.Enough || e.CountedUSD.Low <= 0 {
			// The history's path may come from the environment: escaped.
			fmt.Fprint(app.Env.Stderr, termsafe.Text(fmt.Sprintf("tierplan: %s window not calibrated: %d of the %d observations it needs in %s\n", k.name, e.Observations, windows.MinObservations, history)))
			continue
		}
		a := allowance(e, plan.Counts)
		if src, err = tiers.SetAllowance(src, plan.Name, k.key, a, note); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		changed = append(changed, fmt.Sprintf("%s %s: %s → %s–%s (%s)", plan.Name, k.key, was(plan, k.key), a.Low, a.High, a.Source))
	}
	if len(changed) == 0 {
		return fmt.Errorf("nothing to calibrate yet: the status line records the official percentages as you work (see `tierplan statusline --help`)")
	}
	if _, err := tiers.Parse(path, src); err != nil {
		return fmt.Errorf("the calibrated table would not be valid, so it was not written: %w", err)
	}
	if opts.DryRun {
		_, err := app.Env.Stdout.Write(src)
		return err
	}
	if err := userfile.WriteFile(path, src, userfile.Options{MakeDirs: true}); err != nil {
		return fmt.Errorf("writing %s: %v", path, cmdutil.PathErrorCause(err))
	}
	var b strings.Builder // the table's path may come from the environment: escaped
	if created {
		fmt.Fprintf(&b, "created %s from the built-in table\n", path)
	}
	for _, c := range changed {
		fmt.Fprintf(&b, "%s\n", c)
	}
	fmt.Fprintf(&b, "wrote %s; `tierplan plan` and `tierplan cost` now use these figures\n", path)
	return render.WriteText(app.Env.Stdout, []byte(b.String()))
}

// target is the table file to edit and its text: the file in effect, or
// the user's file made from the built-in table.
func target(app *cmdutil.App) (path string, src []byte, created bool, err error) {
	s, err := tiers.Resolve(app.TiersFlag, app.Env.Var)
	if err != nil {
		return "", nil, false, err
	}
	if s.Embedded() {
		return tiers.UserConfigPath(app.Env.Var), tierplan.DefaultTiers, true, nil
	}
	// Read as every command reads the table: capped, and without waiting
	// on a named pipe that nobody writes to.
	src, err = tiers.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, false, fmt.Errorf("%s (%s): no such file", s.Path, s.Reason)
	}
	return s.Path, src, false, err
}

func estimateOf(es []windows.Estimate, window string) (windows.Estimate, bool) {
	for _, e := range es {
		if e.Window == window {
			return e, true
		}
	}
	return windows.Estimate{}, false
}

// allowance is an estimate as a plan's allowance: the band of one percent
// times a hundred, with where it comes from.
func allowance(e windows.Estimate, counts []tiers.TokenKind) tiers.Allowance {
	kinds := "all four token kinds"
	if len(counts) > 0 {
		var names []string
		for _, k := range counts {
			names = append(names, string(k))
		}
		kinds = strings.Join(names, " + ") + " tokens"
	}
	return tiers.Allowance{
		Low: cents(100 * e.CountedUSD.Low), High: cents(100 * e.CountedUSD.High), Estimate: true,
		Source: fmt.Sprintf("measured from your logs, %d observations, %s to %s", e.Observations, e.First.Format("2006-01-02"), e.Last.Format("2006-01-02")),
		Basis: fmt.Sprintf("95%% band of $%.4f of %s at list prices per 1%% of the window (%s tokens), over %.0f points; tierplan tiers calibrate",
			e.CountedUSD.Value, kinds, tiers.GroupDigits(int64(math.Round(e.CountedTokens.Value))), e.Points),
	}
}

// cents rounds dollars to the cent: an estimate's band is not known to the
// micro-dollar, and a table reads better without the noise.
func cents(d float64) tiers.Money { return tiers.Dollars(math.Round(d*100) / 100) }

// was is a plan's allowance before calibration, for the summary.
func was(p tiers.Plan, key string) string {
	a := p.Window5h
	if key == "weekly" {
		a = p.Weekly
	}
	if a == nil {
		return "none"
	}
	return fmt.Sprintf("%s–%s", a.Low, a.High)
}
