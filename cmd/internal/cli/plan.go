package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// planOptions are plan's flags beyond the workload settings.
type planOptions struct {
	files      []string
	only       []string
	failIfNone bool
}

// planExtension lets another command file add to plan without editing this
// one: flags, a different source of workloads, or extra figures per result.
type planExtension struct {
	addFlags func(fs *pflag.FlagSet)
	// workloads returns the workloads to plan, or ok=false to leave the
	// choice to the flags and files.
	workloads func(app *App, cmd *cobra.Command) (ws []planner.Workload, ok bool, err error)
	// decorate adds to a finished report (say, simulated 429s per hour);
	// it reads its own flags from cmd.
	decorate func(app *App, cmd *cobra.Command, t *tiers.Table, rep *planner.Report) error
}

// planExtensions are the extensions plan runs, in order: logs as the
// source of workloads, then the simulation column.
func planExtensions() []planExtension { return []planExtension{fromLogsExtension, simulateExtension} }

func newPlanCmd(app *App) *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Which limit a workload hits on every tier and plan, and which fits",
		Long: `plan models a day of sessions (context growth, caching, compaction, pace,
team overlap) and rates it against every tier and plan of the tier table:
the utilisation of each limit, the binding one, a verdict (fits, tight,
throttled, blocked), the monthly cost, and the cheapest option that fits.`,
		Example: `  tierplan plan --sessions 20 --tokens 800k
  tierplan plan --sessions 6 --tokens 2M --devs 12 --model opus -o json
  tierplan plan -f workloads.yaml --fail-if-none`,
		// Positional arguments are log paths, and only with --from-logs
		// (plan --from-logs ~/.claude); a workload file takes -f.
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 && c.Flags().Lookup("from-logs") != nil && c.Flags().Changed("from-logs") {
				return nil
			}
			if len(args) > 0 {
				return usageErrorf("plan takes no arguments, got %q (a workload file goes after -f; log paths after --from-logs)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return runPlan(app, cmd, o) },
	}
	addWorkloadFlags(cmd.Flags())
	cmd.Flags().StringArrayVarP(&o.files, "file", "f", nil, "workload `FILE` (YAML; may hold several named workloads); flags override its values")
	cmd.Flags().StringSliceVar(&o.only, "only", nil, "evaluate only these tiers and plans (comma-separated names)")
	cmd.Flags().BoolVar(&o.failIfNone, "fail-if-none", false, "exit 3 when no tier or plan fits a workload")
	for _, x := range planExtensions() {
		if x.addFlags != nil {
			x.addFlags(cmd.Flags())
		}
	}
	return cmd
}

// addWorkloadFlags defines one flag per workload setting, named like the
// workload file's keys.
func addWorkloadFlags(fs *pflag.FlagSet) {
	for _, f := range planner.WorkloadFields {
		fs.Var(&workloadValue{typ: f.Type}, f.Key, f.Usage)
	}
}

// workloadValue holds a workload flag's text until the workload is built,
// so one parser (planner.SetWorkloadField) serves flags and files alike.
type workloadValue struct {
	text string
	typ  string
}

func (v *workloadValue) String() string     { return v.text }
func (v *workloadValue) Set(s string) error { v.text = s; return nil }
func (v *workloadValue) Type() string       { return v.typ }

// workloadsFromFlags builds the workloads: those of the files (or one
// default workload), with every flag the user set applied on top.
func workloadsFromFlags(fs *pflag.FlagSet, files []string) ([]planner.Workload, error) {
	var ws []planner.Workload
	from := map[string]string{} // workload name → the file it came from
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		got, err := planner.ParseWorkloads(name, data)
		if err != nil {
			return nil, err
		}
		for _, w := range got {
			if first, dup := from[w.Name]; dup {
				return nil, fmt.Errorf("workload %q is in both %s and %s: give each workload its own name", w.Name, first, name)
			}
			from[w.Name] = name
		}
		ws = append(ws, got...)
	}
	if len(ws) == 0 {
		ws = []planner.Workload{{}}
	}
	for _, f := range planner.WorkloadFields {
		fl := fs.Lookup(f.Key)
		if fl == nil || !fl.Changed {
			continue
		}
		for i := range ws {
			if err := planner.SetWorkloadField(&ws[i], f.Key, fl.Value.String()); err != nil {
				return nil, usageErrorf("invalid value for --%s: %s", f.Key, err)
			}
		}
	}
	return ws, nil
}

func runPlan(app *App, cmd *cobra.Command, o planOptions) error {
	t, err := app.Table()
	if err != nil {
		return err
	}
	var ws []planner.Workload
	fromExtension := false
	for _, x := range planExtensions() {
		if x.workloads == nil {
			continue
		}
		got, ok, err := x.workloads(app, cmd)
		if err != nil {
			return err
		}
		if ok {
			ws, fromExtension = got, true
			break
		}
	}
	if !fromExtension {
		if ws, err = workloadsFromFlags(cmd.Flags(), o.files); err != nil {
			return err
		}
	}
	for _, name := range o.only {
		_, isTier := t.Tier(name)
		_, isPlan := t.Plan(name)
		if !isTier && !isPlan {
			return usageErrorf("--only: no tier or plan named %q in %s", name, t.Origin)
		}
	}
	rep, err := planner.Plan(ws, t, planner.Options{Only: o.only})
	if err != nil {
		return err
	}
	for _, x := range planExtensions() {
		if x.decorate != nil {
			if err := x.decorate(app, cmd, t, &rep); err != nil {
				return err
			}
		}
	}
	if err := writePlanReport(app, rep); err != nil {
		return err
	}
	if o.failIfNone {
		for _, w := range rep.Workloads {
			if w.Recommendation.Tier == nil {
				if app.output == "table" {
					fmt.Fprintf(app.env.Stderr, "tierplan: no tier or plan fits workload %q\n", w.Name)
				}
				return silentExit(ExitNoneFits)
			}
		}
	}
	return nil
}
