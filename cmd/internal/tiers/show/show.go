// Package show is `tierplan tiers show NAME`: everything about one tier,
// plan or model of the table in effect.
package show

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// tiersShowReport is `tiers show -o json`: whatever NAME names. A name may
// be both a model and a tier; then both are shown.
type tiersShowReport struct {
	SchemaVersion int                    `json:"schema_version"`
	Table         shared.TableInfoJSON   `json:"table"`
	Tier          *shared.TableTierJSON  `json:"tier,omitempty"`
	Plan          *shared.TablePlanJSON  `json:"plan,omitempty"`
	Model         *shared.TableModelJSON `json:"model,omitempty"`
}

// Options are tiers show's command line.
type Options struct {
	App *cmdutil.App
	// Name is the tier, plan or model to show.
	Name string
}

// NewCmdShow is the tiers show command; runF, when set, runs instead of
// showRun (tests check flag parsing with it).
func NewCmdShow(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Everything about one tier, plan or model",
		Long: `show prints one tier (its limits per pool and the models drawing on each),
one plan (price, allowances with their sources and how they were derived), or
one model (prices, long-context rule, and its pool's limits on every tier).`,
		Example: `  tierplan tiers show start
  tierplan tiers show max-20x
  tierplan tiers show sonnet -o json`,
		Args:              cmdutil.ArgsUsage(cobra.ExactArgs(1)),
		ValidArgsFunction: shared.CompleteTableNames(app),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
}

// showRun writes whatever the name names in the table in effect: a tier, a
// plan, a model, or a tier and a model of the same name.
func showRun(opts *Options) error {
	app, name := opts.App, opts.Name
	t, err := app.Table()
	if err != nil {
		return err
	}
	rep := tiersShowReport{SchemaVersion: 1, Table: shared.TableInfo(t)}
	if x, ok := t.Tier(name); ok {
		r := shared.TierReport(x)
		rep.Tier = &r
	}
	if x, ok := t.Plan(name); ok {
		r := shared.PlanReport(x)
		rep.Plan = &r
	}
	if x, ok := t.Model(name); ok {
		r := shared.ModelReport(x)
		rep.Model = &r
	}
	if rep.Tier == nil && rep.Plan == nil && rep.Model == nil {
		return fmt.Errorf("no tier, plan or model named %q in %s (names: %s)", name, t.Origin, strings.Join(shared.TableNames(t), ", "))
	}
	w := app.Env.Stdout
	switch app.Output {
	case render.FormatJSON:
		return render.JSON(w, rep)
	case render.FormatYAML:
		return render.YAML(w, rep)
	case render.FormatCSV:
		return showCSV(w, t, name)
	}
	var buf bytes.Buffer
	md := app.Output == render.FormatMarkdown
	if x, ok := t.Tier(name); ok {
		err = showGrid(&buf, md, tierFacts(t, x), tierPoolsGrid(t, x))
	}
	if x, ok := t.Plan(name); ok && err == nil {
		err = showGrid(&buf, md, planFacts(t, x), nil)
	}
	if x, ok := t.Model(name); ok && err == nil {
		facts := modelFacts(t, x)
		if err = showGrid(&buf, md, facts, modelPriceGrid(x)); err == nil {
			err = showGrid(&buf, md, nil, modelLimitsGrid(t, x))
		}
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// fact is one "label: value" line of a show report.
type fact struct{ label, value string }

// showGrid writes facts as aligned lines (a list in Markdown) and then the
// grid, if any.
func showGrid(buf *bytes.Buffer, md bool, facts []fact, g *render.Grid) error {
	if buf.Len() > 0 {
		buf.WriteString("\n")
	}
	width := 0
	for _, f := range facts[min(1, len(facts)):] {
		width = max(width, len(f.label))
	}
	for i, f := range facts {
		switch {
		case i == 0 && md:
			fmt.Fprintf(buf, "## %s\n\n", f.value)
		case i == 0:
			fmt.Fprintf(buf, "%s\n", f.value)
		case md:
			fmt.Fprintf(buf, "- %s: %s\n", f.label, f.value)
		default:
			fmt.Fprintf(buf, "  %-*s  %s\n", width+1, f.label+":", f.value)
		}
	}
	if g == nil {
		return nil
	}
	if md {
		if len(facts) > 0 {
			buf.WriteString("\n")
		}
		return render.Markdown(buf, *g)
	}
	return render.Table(buf, *g)
}

// showCSV writes the one kind NAME names as CSV of raw values. A CSV file has
// one header, so a name that is both a tier and a model cannot be written as
// one: that is a usage error pointing at -o json.
func showCSV(w io.Writer, t *tiers.Table, name string) error {
	var grids []render.Grid
	if x, ok := t.Tier(name); ok {
		grids = append(grids, tierShowCSV(t, x))
	}
	if x, ok := t.Plan(name); ok {
		grids = append(grids, planShowCSV(x))
	}
	if x, ok := t.Model(name); ok {
		grids = append(grids, modelShowCSV(x))
	}
	if len(grids) > 1 {
		return cmdutil.UsageErrorf("%q names both a tier and a model; -o csv writes one kind: use -o json", name)
	}
	return render.CSV(w, grids[0])
}
