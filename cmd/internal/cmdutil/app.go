// Package cmdutil is what every tierplan command needs and nothing one
// command owns: the environment a run may touch (Env), the state shared by
// the commands of one run (App: global flags, the tier table in effect),
// typed errors and the one function that maps them to exit codes, the
// workload flags plan, cost and simulate share, and the reading of Claude
// Code logs and the view of a diagnosis that two commands each share.
// Command packages import it; it imports no command.
package cmdutil

import (
	"fmt"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// App is the state shared by all commands of one run: the environment, the
// global flags (the root command binds TiersFlag and Output), and the tier
// table, loaded once on first use.
type App struct {
	Env Env
	// TiersFlag is --tiers as given ("" when not given).
	TiersFlag string
	// Output is -o/--output.
	Output render.Format

	table *tiers.Table
}

// NewApp is the state of one run in env, before flags are parsed.
func NewApp(env Env) *App { return &App{Env: env, Output: render.FormatTable} }

// SetTable makes t the table in effect without resolving or loading one: for
// tests, whose output must not depend on the embedded table.
func (a *App) SetTable(t *tiers.Table) { a.table = t }

// Table loads the tier table in effect (--tiers, $TIERPLAN_TIERS, the user's
// config file, or the embedded default) and warns once on stderr when it is
// stale.
func (a *App) Table() (*tiers.Table, error) {
	if a.table != nil {
		return a.table, nil
	}
	src, err := tiers.Resolve(a.TiersFlag, a.Env.Var)
	if err != nil {
		return nil, err
	}
	t, err := tiers.Load(src, tierplan.DefaultTiers)
	if err != nil {
		return nil, err
	}
	if warn := tiers.StalenessWarning(t, a.Env.Clock()); warn != "" {
		fmt.Fprintln(a.Env.Stderr, "tierplan: warning: "+warn)
	}
	a.table = t
	return t, nil
}

// TableForAdvice loads the tier table for advice a command can do without
// (which tier would lift a limit). A table the user named (--tiers,
// $TIERPLAN_TIERS) must load; otherwise a failure only costs the advice,
// which a warning says, and the table is nil.
func (a *App) TableForAdvice() (*tiers.Table, error) {
	t, err := a.Table()
	if err == nil {
		return t, nil
	}
	if a.TiersFlag != "" || a.Env.Var(tiers.EnvVar) != "" {
		return nil, err
	}
	fmt.Fprintf(a.Env.Stderr, "tierplan: warning: %s; no tier advice\n", TrimNewline(err.Error()))
	return nil, nil
}

// Write renders r in the format the user chose, to stdout in one write.
func (a *App) Write(r render.Report) error { return render.Write(a.Env.Stdout, a.Output, r) }
