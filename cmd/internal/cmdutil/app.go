// Package cmdutil is what every tierplan command needs and nothing one
// command owns: the environment a run may touch (Env), the state shared by
// the commands of one run (App: global flags, the tier table in effect),
// typed errors and the one function that maps them to exit codes, the
// workload flags plan, cost and simulate share, and the reading of Claude
// Code logs and the view of a diagnosis that two commands each share.
// Command packages import it; it imports no command.
package cmdutil

import (
	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
	"github.com/tierplan/tierplan/tiers/tablecache"
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
	// Wide is --wide: every column, however wide the terminal.
	Wide bool
	// NoCache keeps the table from the copy kept in the cache directory
	// (usage --no-cache): it is parsed, and no copy is written.
	NoCache bool

	table *tiers.Table
	// noted are the notes already given this run (a former plan name).
	noted map[string]bool
	// deferStale holds the staleness warning back until the command says
	// which figures its answer used (UseFigures); staleDone once given.
	deferStale, staleDone bool
	used                  [][]string
	// loaded is true for a table Table loaded; one a test set is not
	// judged by its date.
	loaded bool
	// pending is the load StartTable began, for Table to wait on.
	pending chan loadedTable
}

type loadedTable struct {
	t   *tiers.Table
	err error
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
	var r loadedTable
	if a.pending != nil {
		r = <-a.pending
		a.pending = nil
	} else {
		r.t, r.err = a.loadTable()
	}
	if r.err != nil {
		return nil, r.err
	}
	t := r.t
	a.table, a.loaded = t, true
	if !a.deferStale {
		a.WarnStale()
	}
	return t, nil
}

// StartTable begins loading the tier table on another goroutine, for a
// command with work to do that does not need it (usage walks and stat-s
// every transcript first); Table waits for it. Parsing the embedded table
// takes about as long as a warm usage run's walk.
func (a *App) StartTable() {
	if a.table != nil || a.pending != nil {
		return
	}
	a.pending = make(chan loadedTable, 1)
	go func() {
		t, err := a.loadTable()
		a.pending <- loadedTable{t, err}
	}()
}

// Settle waits for the table's load StartTable began when the command
// did not (it ended before it needed the table): the load may be writing
// the table's copy to the cache directory, which must not go on after
// the command is over (a test removes the directory then).
func (a *App) Settle() {
	if a.pending != nil {
		<-a.pending
		a.pending = nil
	}
}

// loadTable resolves and loads the table in effect, through the copy
// kept in the cache directory (tablecache). It reads only the flags and
// the environment, so StartTable may run it beside the command.
func (a *App) loadTable() (*tiers.Table, error) {
	src, err := tiers.Resolve(a.TiersFlag, a.Env.Var)
	if err != nil {
		return nil, err
	}
	dir := CacheDir(a)
	if a.NoCache {
		dir = ""
	}
	return tablecache.Load(src, tierplan.DefaultTiers, dir)
}

// DeferStaleness makes the staleness warning wait until the answer is
// written, so it can name the oldest figure the answer used (UseFigures)
// rather than judge the table by its own date.
func (a *App) DeferStaleness() { a.deferStale = true }

// UseFigures records figures an answer rests on, by key prefix
// ({"models", "sonnet"}, {"tiers", "start", "limits", "sonnet-4"}), for
// the staleness warning.
func (a *App) UseFigures(prefixes ...[]string) { a.used = append(a.used, prefixes...) }

// WarnStale writes the staleness warning once, on stderr: on the oldest
// figure the answer used when the command named them, else on the
// table's as_of.
func (a *App) WarnStale() {
	if a.staleDone || !a.loaded {
		return
	}
	a.staleDone = true
	var figs []tiers.Figure
	if len(a.used) > 0 {
		figs = a.table.FiguresUnder(a.used...)
	}
	if warn := tiers.StaleFiguresWarning(a.table, a.Env.Clock(), figs); warn != "" {
		Warnf(a.Env, "%s", warn)
	}
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
	Warnf(a.Env, "%s; no tier advice", TrimNewline(err.Error()))
	return nil, nil
}

// PlanName is the plan that name, or a former name of it (max-5x for max),
// names in t; a former name gets a note on stderr, once a run. ok is false
// when no plan has that name.
func (a *App) PlanName(t *tiers.Table, name string) (string, bool) {
	p, note, ok := t.PlanOrAlias(name)
	if !ok {
		return "", false
	}
	a.Note(note)
	return p.Name, true
}

// Note writes a note on stderr, once a run for the same text ("" writes
// nothing).
func (a *App) Note(note string) {
	if note == "" || a.noted[note] {
		return
	}
	if a.noted == nil {
		a.noted = map[string]bool{}
	}
	a.noted[note] = true
	Notef(a.Env, "%s", note)
}

// Write renders r in the format the user chose, to stdout in one write,
// after the staleness warning if it was held back, fitted to the width of
// text output (Width).
func (a *App) Write(r render.Report) error {
	a.WarnStale()
	return render.Write(a.Env.Stdout, a.Output, r, a.Width())
}
