package usage

import (
	"fmt"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// measured is usage --windows: the window history joined with the logs.
type measured struct {
	path      string
	readings  int
	bad       int
	basis     string
	estimates []windows.Estimate
}

// measure reads the window history and estimates each window's percent
// from it and the logs, in the plan's counting basis (all four kinds
// without --plan).
func measure(app *cmdutil.App, opts *Options, data *usage.Data, table *tiers.Table, plan *tiers.Plan) (*measured, error) {
	path := historyPath(app, opts)
	if path == "" {
		return nil, fmt.Errorf("--windows: no state directory ($HOME is not set): give --history FILE")
	}
	readings, bad, err := windows.Read(path)
	if err != nil {
		return nil, fmt.Errorf("--windows: window history %s: %v", path, cmdutil.PathErrorCause(err))
	}
	var counts []tiers.TokenKind
	if plan != nil {
		counts = plan.Counts
	}
	return &measured{path: path, readings: len(readings), bad: bad, basis: basisName(counts),
		estimates: windows.EstimateAll(readings, data.Entries(), table, counts)}, nil
}

type measuredAllowanceJSON struct {
	History  string               `json:"history"`
	Readings int                  `json:"readings"`
	BadLines int                  `json:"bad_lines"`
	Basis    string               `json:"basis"`
	Windows  []measuredWindowJSON `json:"windows"`
}

type measuredWindowJSON struct {
	Window                string     `json:"window"`
	Observations          int        `json:"observations"`
	Points                float64    `json:"points"`
	First                 time.Time  `json:"first"`
	Last                  time.Time  `json:"last"`
	Enough                bool       `json:"enough"`
	CountedUSDPerPoint    figureJSON `json:"counted_usd_per_percent"`
	AllUSDPerPoint        figureJSON `json:"all_kinds_usd_per_percent"`
	CountedTokensPerPoint figureJSON `json:"counted_tokens_per_percent"`
	AllTokensPerPoint     figureJSON `json:"all_tokens_per_percent"`
	UnpricedTokens        int64      `json:"unpriced_tokens"`
}

// figureJSON is an estimate with its 95% band.
type figureJSON struct {
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

func (m *measured) json() *measuredAllowanceJSON {
	out := &measuredAllowanceJSON{History: m.path, Readings: m.readings, BadLines: m.bad, Basis: m.basis, Windows: []measuredWindowJSON{}}
	fig := func(f windows.Figure) figureJSON { return figureJSON(f) }
	for _, e := range m.estimates {
		out.Windows = append(out.Windows, measuredWindowJSON{Window: e.Window, Observations: e.Observations, Points: e.Points,
			First: e.First, Last: e.Last, Enough: e.Enough, CountedUSDPerPoint: fig(e.CountedUSD), AllUSDPerPoint: fig(e.AllUSD),
			CountedTokensPerPoint: fig(e.CountedTokens), AllTokensPerPoint: fig(e.AllTokens), UnpricedTokens: e.Unpriced})
	}
	return out
}
