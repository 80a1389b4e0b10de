// Package show is `tierplan tiers show NAME`: everything about one tier,
// plan or model of the table in effect.
package show

import (
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
	// Figures is every figure shown, with where it comes from.
	Figures []shared.FigureJSON `json:"figures"`
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
one plan (price, allowances and how they were derived, API credits, meters of
its own), or one model (prices, whole-request rule, fast mode, and its pool's
limits on every tier), and where each of its figures comes from: source,
date read (as_of) and confidence, least confident first. A plan's former
name (max-5x) and a model id (claude-sonnet-4-6) are accepted.`,
		Example: `  tierplan tiers show start
  tierplan tiers show ultra
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
	app.DeferStaleness()
	t, err := app.Table()
	if err != nil {
		return err
	}
	name = resolveName(app, t, name)
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
	prefixes := shownPrefixes(t, name)
	app.UseFigures(prefixes...)
	app.WarnStale()
	rep.Figures = shared.FiguresReport(t.FiguresUnder(prefixes...))
	w := app.Env.Stdout
	switch app.Output {
	case render.FormatJSON:
		return render.JSON(w, rep)
	case render.FormatYAML:
		return render.YAML(w, rep)
	case render.FormatCSV:
		return showCSV(w, t, name)
	}
	md := app.Output == render.FormatMarkdown
	buf := app.Page()
	if x, ok := t.Tier(name); ok {
		err = showGrid(buf, md, tierFacts(t, x), tierPoolsGrid(t, x))
		shared.WriteSources(&buf.Buffer, t.FiguresUnder([]string{"tiers", name}), "tiers."+name+".", md)
	}
	if x, ok := t.Plan(name); ok && err == nil {
		err = showGrid(buf, md, planFacts(t, x), nil)
		shared.WriteSources(&buf.Buffer, t.FiguresUnder([]string{"plans", name}), "plans."+name+".", md)
	}
	if x, ok := t.Model(name); ok && err == nil {
		facts := modelFacts(t, x)
		if err = showGrid(buf, md, facts, modelPriceGrid(x)); err == nil {
			err = showGrid(buf, md, nil, modelLimitsGrid(t, x))
		}
		shared.WriteSources(&buf.Buffer, t.FiguresUnder([]string{"models", name}), "models."+name+".", md)
	}
	if err != nil {
		return err
	}
	err = render.WriteText(w, []byte(buf.Wrapped()))
	return err
}

// resolveName reads a plan's former name (max-5x) or a model id
// (claude-sonnet-4-6) as the item it names, with a note; any other name
// is left as given.
func resolveName(app *cmdutil.App, t *tiers.Table, name string) string {
	_, isTier := t.Tier(name)
	_, isPlan := t.Plan(name)
	_, isModel := t.Model(name)
	if isTier || isPlan || isModel {
		return name
	}
	if plan, ok := app.PlanName(t, name); ok {
		return plan
	}
	if m, note, err := t.ResolveModel(name); err == nil {
		app.Note(note)
		return m.Name
	}
	return name
}

// shownPrefixes are the figure keys of what name names.
func shownPrefixes(t *tiers.Table, name string) [][]string {
	var out [][]string
	if _, ok := t.Tier(name); ok {
		out = append(out, []string{"tiers", name})
	}
	if _, ok := t.Plan(name); ok {
		out = append(out, []string{"plans", name})
	}
	if _, ok := t.Model(name); ok {
		out = append(out, []string{"models", name})
	}
	return out
}

// fact is one "label: value" line of a show report.
type fact struct{ label, value string }

// showGrid writes facts as aligned lines (a list in Markdown) and then the
// grid, if any.
func showGrid(buf *render.Page, md bool, facts []fact, g *render.Grid) error {
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
