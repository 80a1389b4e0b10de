package usage

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Sums over stretches of time other than the report's days: a status
// line's day, calendar weeks and months, a subscription's windows.

// SumOf prices entries as one row, without building a whole report: what
// a status line needs for the day's cost.
func SumOf(entries []Entry, table *tiers.Table) Sum {
	p := newPricer(table)
	var a acc
	for i := range entries {
		e := &entries[i]
		mi := p.indexOf(e.Model)
		a.add(e, mi, p.longContext(mi, e))
	}
	return a.result(p, false)
}

// PeriodRow is the use of one period: a calendar week or month, a window.
type PeriodRow struct {
	Period string    `json:"period"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Sum
}

// Period names the period a time falls in: its start, its end and a name.
type Period func(t time.Time) (start, end time.Time, name string)

// SumByPeriod prices entries (sorted by time) per period, in time order;
// periods without entries are left out.
func SumByPeriod(entries []Entry, table *tiers.Table, period Period) []PeriodRow {
	p := newPricer(table)
	rows := []PeriodRow{}
	var cur *acc
	var start, end time.Time
	var name string
	flush := func() {
		if cur != nil {
			rows = append(rows, PeriodRow{Period: name, Start: start, End: end, Sum: cur.result(p, true)})
		}
	}
	for i := range entries {
		e := &entries[i]
		if cur == nil || !e.Time.Before(end) || e.Time.Before(start) {
			flush()
			start, end, name = period(e.Time)
			cur = &acc{}
		}
		mi := p.indexOf(e.Model)
		cur.add(e, mi, p.longContext(mi, e))
	}
	flush()
	return rows
}

// Week is the Period of calendar weeks in loc starting on first.
func Week(loc *time.Location, first time.Weekday) Period {
	return func(t time.Time) (time.Time, time.Time, string) {
		lt := t.In(loc)
		back := (int(lt.Weekday()) - int(first) + 7) % 7
		s := time.Date(lt.Year(), lt.Month(), lt.Day()-back, 0, 0, 0, 0, loc)
		return s, s.AddDate(0, 0, 7), s.Format("2006-01-02")
	}
}

// Month is the Period of calendar months in loc.
func Month(loc *time.Location) Period {
	return func(t time.Time) (time.Time, time.Time, string) {
		lt := t.In(loc)
		s := time.Date(lt.Year(), lt.Month(), 1, 0, 0, 0, 0, loc)
		return s, s.AddDate(0, 1, 0), s.Format("2006-01")
	}
}

// Anchored is the Period of fixed-length windows that reset at anchor and
// every length before and after it: weeks that start when a plan's weekly
// window resets, rather than at midnight.
func Anchored(anchor time.Time, length time.Duration, loc *time.Location) Period {
	return func(t time.Time) (time.Time, time.Time, string) {
		n := t.Sub(anchor) / length
		if t.Before(anchor) && t.Sub(anchor)%length != 0 {
			n--
		}
		s := anchor.Add(n * length).In(loc)
		return s, s.Add(length), s.Format("2006-01-02 15:04")
	}
}

// Blocks is the 5-hour blocks of the entries, by the report's rule (see
// BlockRow), priced with table: for callers that want the blocks alone.
func Blocks(entries []Entry, hits []LimitHit, table *tiers.Table) []BlockRow {
	return buildBlocks(entries, hits, newPricer(table))
}
