package usage

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// The sections of subscriber.go: weeks, months, blocks against a plan and
// the measured allowance.

func (u usageView) periodSection(title, key string, rows []usage.PeriodRow) usageSection {
	var out [][]string
	for _, r := range rows {
		out = append(out, append([]string{r.Period}, u.sumCells(r.Sum)...))
	}
	return usageSection{title: title, grid: u.grid([]string{key}, out, u.totalRow(1))}
}

func (u usageView) weekSection() usageSection {
	return u.periodSection("By week (from "+u.x.WeekStart+")", "WEEK", u.x.Weeks)
}

func (u usageView) monthSection() usageSection {
	return u.periodSection("By month", "MONTH", u.x.Months)
}

// planBlockSection is the 5-hour blocks with their use of the plan's
// allowance, and the active block's pace.
func (u usageView) planBlockSection() usageSection {
	p := u.x.plan
	var rows [][]string
	for _, b := range u.x.uses {
		hits := ""
		if b.LimitHits > 0 {
			hits = strconv.Itoa(b.LimitHits)
		}
		rows = append(rows, append([]string{u.when(b.Start), hits, b.Counted.String(), u.share(b.Low, b.High)}, u.sumCells(b.Sum)...))
	}
	keys := []string{"START", "LIMIT HITS", "COUNTED", "OF " + strings.ToUpper(p.Name) + " 5H"}
	s := usageSection{title: fmt.Sprintf("By 5-hour block, against %s's 5-hour allowance (%s; counted: %s at list prices)", p.Name, allowanceText(p.Window5h), u.x.PlanBasis),
		grid: u.grid(keys, rows, nil)}
	s.note = u.activeNote()
	return s
}

// activeNote is the running block's pace and projection: in the plan's
// basis and against its allowance with --plan, else all four kinds.
func (u usageView) activeNote() string {
	a := u.x.active
	if a == nil {
		return ""
	}
	what, against := "counted", ""
	if u.x.plan == nil {
		what = "at list prices"
	} else if a.ProjectedHigh > 0 {
		against = ", " + u.share(a.ProjectedLow, a.ProjectedHigh) + " of the allowance"
	}
	return fmt.Sprintf("Active block (%s to %s): %s %s so far, %s an hour (%s tokens a minute); at this pace %s by %s%s.",
		u.clock(a.Start), u.clock(a.End), a.Counted, what, a.PerHour, tiers.GroupDigits(int64(a.TokensPerMinute)), a.Projected, u.clock(a.End), against)
}

// share is a use of the allowance as a range: "20–60%", or "n/a" without
// an allowance.
func (u usageView) share(low, high float64) string {
	if high == 0 {
		return "n/a"
	}
	if u.raw {
		return fmt.Sprintf("%.4f-%.4f", low, high)
	}
	if high < 0.1 {
		return fmt.Sprintf("%.1f–%.1f%%", 100*low, 100*high)
	}
	return fmt.Sprintf("%.0f–%.0f%%", 100*low, 100*high)
}

func (u usageView) clock(t time.Time) string { return t.In(u.loc).Format("15:04") }

func allowanceText(a *tiers.Allowance) string {
	if a == nil {
		return "none in the table"
	}
	est := ""
	if a.Estimate {
		est = ", an estimate"
	}
	return fmt.Sprintf("%s–%s%s", a.Low, a.High, est)
}

// measuredSection is usage --windows.
func (u usageView) measuredSection() usageSection {
	m := u.x.history
	title := fmt.Sprintf("Your allowance, measured: %s in %s, joined with these logs; counted: %s at list prices",
		plural(m.readings, "reading"), m.path, m.basis)
	var rows [][]string
	for _, e := range m.estimates {
		per, band, whole := "–", "–", "–"
		if e.CountedUSD.Value > 0 {
			per = dollars(e.CountedUSD.Value)
			whole = tiers.Dollars(100 * e.CountedUSD.Value).String()
		}
		if e.Enough {
			band = dollars(e.CountedUSD.Low) + "–" + dollars(e.CountedUSD.High)
			whole += " (" + tiers.Dollars(100*e.CountedUSD.Low).String() + "–" + tiers.Dollars(100*e.CountedUSD.High).String() + ")"
		}
		rows = append(rows, []string{windowName(e.Window), u.n(int64(e.Observations)), fmt.Sprintf("%.0f", e.Points),
			u.when(e.First)[:10] + " – " + u.when(e.Last)[:10], per, band, tiers.GroupDigits(int64(e.CountedTokens.Value)),
			dollars(e.AllUSD.Value), whole})
	}
	g := render.Grid{Header: []string{"WINDOW", "OBSERVATIONS", "POINTS", "DAYS", "COUNTED $ PER 1%", "95% BAND", "COUNTED TOKENS PER 1%", "ALL KINDS $ PER 1%", "WHOLE WINDOW"},
		RightAlign: []bool{false, true, true, false, true, true, true, true, true}, Rows: rows}
	note := "An observation is a stretch over which a window rose at least " + strconv.Itoa(windows.MinPoints) +
		" points; the band is Student's t at 95% on their scatter (none under " + strconv.Itoa(windows.MinObservations) + " observations).\n" +
		"Use on claude.ai or on another machine in the same hours moves the percentages without reaching these logs: it makes the figures low (merge the other machine's --export)."
	if len(rows) == 0 {
		note = "No window has an observation yet: the status line records the official percentages as you work (`tierplan statusline`)."
	}
	return usageSection{title: title, grid: g, note: note}
}

func windowName(w string) string {
	switch w {
	case windows.FiveHour:
		return "5-hour"
	case windows.SevenDay:
		return "weekly"
	}
	return w
}

// dollars is an estimate in dollars: cents from $10, four decimals below.
func dollars(d float64) string {
	if d >= 10 {
		return tiers.Dollars(d).String()
	}
	return fmt.Sprintf("$%.4f", d)
}

func plural(n int, what string) string { return render.Plural(n, what) }
