package cli

import (
	"fmt"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// App is the state shared by all commands of one run: global flags, the
// environment, and the tier table, loaded once on first use.
type App struct {
	env       Env
	tiersFlag string
	output    render.Format

	table *tiers.Table
}

// Table loads the tier table in effect (--tiers, $TIERPLAN_TIERS, the user's
// config file, or the embedded default) and warns once on stderr when it is
// stale.
func (a *App) Table() (*tiers.Table, error) {
	if a.table != nil {
		return a.table, nil
	}
	src, err := tiers.Resolve(a.tiersFlag, a.env.getenv)
	if err != nil {
		return nil, err
	}
	t, err := tiers.Load(src, tierplan.DefaultTiers)
	if err != nil {
		return nil, err
	}
	if warn := tiers.StalenessWarning(t, a.env.now()); warn != "" {
		fmt.Fprintln(a.env.Stderr, "tierplan: warning: "+warn)
	}
	a.table = t
	return t, nil
}
