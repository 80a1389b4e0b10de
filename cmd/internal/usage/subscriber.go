package usage

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/figures"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// What usage adds for subscribers: calendar weeks and months, each 5-hour
// block against a plan's allowance and the active block's pace
// (--plan), and the allowance measured from the window history
// (--windows); and the habits of ccusage users (--json, -z/--timezone,
// report names as arguments).

// reportNames are ccusage's report names, taken as arguments: `tierplan
// usage daily` is `tierplan usage --by day`.
var reportNames = map[string]string{"daily": "day", "weekly": "week", "monthly": "month", "session": "session", "blocks": "block"}

// weekStarts are the values of --week-start: a weekday, or reset (the
// plan's weekly reset, from the window history).
var weekStarts = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reset"}

// addSubscriberFlags adds the flags of this file.
func addSubscriberFlags(f *pflag.FlagSet, opts *Options) {
	f.StringVar(&opts.WeekStart, "week-start", "monday", "first `DAY` of --by week: a weekday, or reset (weeks from the plan's weekly reset, as the window history last saw it)")
	f.StringVar(&opts.Plan, "plan", "", "a plan of the tier table (`NAME`): each 5-hour block and the active one against its 5-hour allowance, in its counting basis")
	f.BoolVar(&opts.Windows, "windows", false, "measure what one percent of each official window holds, from the window history the status line records and these logs")
	f.StringVar(&opts.History, "history", "", "the window history `FILE` (default: $XDG_STATE_HOME/tierplan/windows.log)")
	f.BoolVar(&opts.JSON, "json", false, "the same as -o json")
	f.StringVarP(&opts.TZ, "timezone", "z", "", "the same as --tz `ZONE`")
}

// reportNameArgs takes a report name off the arguments (wherever it
// stands, unless a file or directory of that name exists) and returns the
// --by it means.
func reportNameArgs(args []string) (by string, rest []string) {
	for i, a := range args {
		name, ok := reportNames[a]
		if !ok {
			continue
		}
		if _, err := os.Stat(a); err == nil {
			continue
		}
		return name, append(append([]string{}, args[:i]...), args[i+1:]...)
	}
	return "", args
}

// extras is what this file adds to the report, for every format.
type extras struct {
	Weeks  []usage.PeriodRow `json:"weeks"`
	Months []usage.PeriodRow `json:"months"`
	// WeekStart is the first day of the weeks, or "reset HH:MM Mon" when
	// they follow the plan's weekly reset.
	WeekStart string `json:"week_start"`
	// Plan is the plan blocks are measured against ("" without --plan).
	Plan        string                 `json:"plan,omitempty"`
	PlanBasis   string                 `json:"plan_basis,omitempty"`
	Allowance5h *allowanceJSON         `json:"plan_window_5h,omitempty"`
	BlockUse    []blockUseJSON         `json:"block_use,omitempty"`
	ActiveBlock *activeJSON            `json:"active_block,omitempty"`
	Measured    *measuredAllowanceJSON `json:"measured_allowance,omitempty"`

	plan    *tiers.Plan
	uses    []windows.BlockUse
	active  *windows.ActiveBlock
	history *measured
}

type allowanceJSON struct {
	Low      tiers.Money `json:"low_usd"`
	High     tiers.Money `json:"high_usd"`
	Estimate bool        `json:"estimate"`
	Source   string      `json:"source,omitempty"`
}

type blockUseJSON struct {
	Start         time.Time   `json:"start"`
	Counted       tiers.Money `json:"counted_usd"`
	CountedTokens int64       `json:"counted_tokens"`
	ShareLow      float64     `json:"share_of_allowance_low"`
	ShareHigh     float64     `json:"share_of_allowance_high"`
}

type activeJSON struct {
	Start           time.Time   `json:"start"`
	End             time.Time   `json:"end"`
	Counted         tiers.Money `json:"counted_usd"`
	PerHour         tiers.Money `json:"counted_usd_per_hour"`
	TokensPerMinute float64     `json:"tokens_per_minute"`
	Projected       tiers.Money `json:"projected_counted_usd"`
	ProjectedLow    float64     `json:"projected_share_low"`
	ProjectedHigh   float64     `json:"projected_share_high"`
}

// buildExtras works out the additions the command line asks for.
// The report holds the weeks and the months (its options' Periods).
func buildExtras(app *cmdutil.App, opts *Options, q query, data *usage.Data, table *tiers.Table, rep usage.Report, weekStart string) (extras, error) {
	var x extras
	x.WeekStart = weekStart
	x.Weeks, x.Months = rep.Periods[0], rep.Periods[1]
	var p tiers.Plan // without --plan: all four kinds, no allowance
	if opts.Plan != "" {
		found, note, ok := table.PlanOrAlias(opts.Plan) // a former name (max-5x) is accepted, with a note
		app.Note(note)
		if !ok {
			var names []string
			for _, pl := range table.Plans {
				names = append(names, pl.Name)
			}
			return x, cmdutil.UsageErrorf("--plan %q: no plan of that name in the tier table %s; its plans: %s", opts.Plan, table.Origin, strings.Join(names, ", "))
		}
		p = found
		x.plan, x.Plan, x.PlanBasis = &p, p.Name, basisName(p.Counts)
		if a := p.Window5h; a != nil {
			x.Allowance5h = &allowanceJSON{Low: a.Low, High: a.High, Estimate: a.Estimate, Source: a.Source}
		}
	}
	switch n := len(rep.Blocks); {
	case x.plan != nil:
		x.uses = windows.Against(rep.Blocks, data.Entries(), table, p)
	case n > 0:
		// Without a plan only the last block counts (the active one, if
		// any): its calls alone are read.
		last := rep.Blocks[n-1:]
		x.uses = windows.Against(last, data.EntriesFrom(last[0].Start), table, p)
	}
	if x.plan != nil {
		for _, u := range x.uses {
			x.BlockUse = append(x.BlockUse, blockUseJSON{Start: u.Start, Counted: u.Counted, CountedTokens: u.CountedTokens, ShareLow: u.Low, ShareHigh: u.High})
		}
	}
	if a := windows.Active(x.uses, p, app.Env.Clock()); a != nil {
		x.active = a
		x.ActiveBlock = &activeJSON{Start: a.Start, End: a.End, Counted: a.Counted, PerHour: a.PerHour, TokensPerMinute: a.TokensPerMinute,
			Projected: a.Projected, ProjectedLow: a.ProjectedLow, ProjectedHigh: a.ProjectedHigh}
	}
	if opts.Windows {
		m, err := measure(app, opts, data, table, x.plan)
		if err != nil {
			return x, err
		}
		x.history, x.Measured = m, m.json()
	}
	return x, nil
}

// weekSpec is the Period of --by week, its key and its name.
type weekSpec struct {
	usage.PeriodSpec
	name string
}

// weekPeriod is the Period of --by week, with its key and name.
func weekPeriod(app *cmdutil.App, opts *Options, loc *time.Location) (weekSpec, error) {
	ws := strings.ToLower(strings.TrimSpace(opts.WeekStart))
	i := slices.Index(weekStarts, ws)
	if i < 0 {
		return weekSpec{}, cmdutil.UsageErrorf("--week-start %q: valid values are %s", opts.WeekStart, strings.Join(weekStarts, ", "))
	}
	if ws != "reset" {
		return weekSpec{usage.PeriodSpec{Key: "week " + ws, Period: usage.Week(loc, time.Weekday((i+1)%7))}, weekStarts[i]}, nil
	}
	path := historyPath(app, opts)
	latest, err := windows.Latest(path)
	if err != nil {
		return weekSpec{}, fmt.Errorf("--week-start reset: window history %s: %v", path, cmdutil.PathErrorCause(err))
	}
	r, ok := latest[windows.SevenDay]
	if !ok || r.ResetsAt.IsZero() {
		return weekSpec{}, fmt.Errorf("--week-start reset: the window history (%s) has no weekly reset yet: it is recorded by `tierplan statusline` for subscribers", path)
	}
	anchor := r.ResetsAt
	return weekSpec{usage.PeriodSpec{Key: "week reset " + anchor.UTC().Format(time.RFC3339Nano),
		Period: usage.Anchored(anchor, windows.Length(windows.SevenDay), loc)}, "reset " + anchor.In(loc).Format("Mon 15:04")}, nil
}

// historyPath is --history, else the default window history.
func historyPath(app *cmdutil.App, opts *Options) string {
	if opts.History != "" {
		return opts.History
	}
	return cmdutil.WindowHistoryPath(app)
}

// basisName names a counting basis for people: "output tokens", "all four
// token kinds".
func basisName(kinds []tiers.TokenKind) string { return figures.Basis(kinds) }
