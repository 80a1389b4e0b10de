package usage

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// BlockLength is the length of a subscription usage window.
const BlockLength = 5 * time.Hour

// BlockRow is one 5-hour usage window.
//
// The window rule is ccusage's, so the two tools agree: entries sorted by
// time; the first opens a block starting at its time floored to the UTC hour
// (resets are observed on the hour); a block ends 5 hours after its start;
// an entry more than 5 hours after the block start, or more than 5 hours
// after the previous entry, opens a new block. Idle gaps are not blocks.
// Anthropic says a window starts at the first message, so the floor can put
// a block start up to 59 minutes early; a limit hit's reset time, where the
// logs have one, is the ground truth and is shown next to the block.
type BlockRow struct {
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	FirstEntry time.Time `json:"first_entry"`
	LastEntry  time.Time `json:"last_entry"`
	// LimitHits counts limit-hit lines inside the block; ResetAt is the
	// reset time the last of them gave.
	LimitHits int       `json:"limit_hits"`
	ResetAt   time.Time `json:"reset_at,omitzero"`
	Sum
}

// blockFold is the blocks of calls offered in time order: those closed and
// the one open.
type blockFold struct {
	closed      []blockAcc
	cur         *acc
	start, last time.Time
	// start and last in Unix seconds and nanoseconds, to compare with
	// integers.
	startSec, lastSec   int64
	startNsec, lastNsec int
}

type blockAcc struct {
	start time.Time
	acc
}

func (b *blockFold) add(e *Entry, mi int, long bool) {
	sec, nsec := e.Time.Unix(), e.Time.Nanosecond()
	if b.cur != nil && (after5h(sec, nsec, b.startSec, b.startNsec) || after5h(sec, nsec, b.lastSec, b.lastNsec)) {
		b.closed = append(b.closed, blockAcc{b.start, *b.cur})
		b.cur = nil
	}
	if b.cur == nil {
		b.cur = &acc{}
		b.start = e.Time.UTC().Truncate(time.Hour)
		b.startSec, b.startNsec = b.start.Unix(), b.start.Nanosecond()
	}
	b.cur.add(e, mi, long)
	b.last, b.lastSec, b.lastNsec = e.Time, sec, nsec
}

// lastStart is where the last block starts once calls (in time order,
// after those b holds) are folded in too; false when there is none. It
// follows only the block boundaries.
func (b *blockFold) lastStart(calls []*Entry) (time.Time, bool) {
	start, open := b.start, b.cur != nil
	startSec, startNsec, lastSec, lastNsec := b.startSec, b.startNsec, b.lastSec, b.lastNsec
	for _, e := range calls {
		sec, nsec := e.Time.Unix(), e.Time.Nanosecond()
		if !open || after5h(sec, nsec, startSec, startNsec) || after5h(sec, nsec, lastSec, lastNsec) {
			start, open = e.Time.UTC().Truncate(time.Hour), true
			startSec, startNsec = start.Unix(), start.Nanosecond()
		}
		lastSec, lastNsec = sec, nsec
	}
	return start, open
}

// after5h reports whether instant (sec, nsec) lies more than BlockLength
// after (fromSec, fromNsec): what Time.Sub > BlockLength says, in
// integers (Unix seconds of transcript times lie far from overflow).
func after5h(sec int64, nsec int, fromSec int64, fromNsec int) bool {
	const length = int64(BlockLength / time.Second)
	d := sec - fromSec
	return d > length || d == length && nsec > fromNsec
}

// result prices the blocks and counts the limit hits that fell in each.
func (b *blockFold) result(p *pricer, hits []LimitHit) []BlockRow {
	rows := make([]BlockRow, 0, len(b.closed)+1)
	all := b.closed
	if b.cur != nil {
		all = append(all[:len(all):len(all)], blockAcc{b.start, *b.cur})
	}
	for i := range all {
		a := &all[i]
		rows = append(rows, BlockRow{Start: a.start, End: a.start.Add(BlockLength), FirstEntry: a.first, LastEntry: a.last, Sum: a.result(p, true)})
	}
	countHits(rows, hits)
	return rows
}

// countHits counts each limit hit in the block it fell in (rows in time
// order, not overlapping), whose reset time it sets when it has one.
func countHits(rows []BlockRow, hits []LimitHit) {
	for _, h := range hits {
		// Blocks are in time order and do not overlap: the first that
		// ends after the hit is the only one that may hold it.
		i := sort.Search(len(rows), func(i int) bool { return h.Time.Before(rows[i].End) })
		if i < len(rows) && !h.Time.Before(rows[i].Start) {
			rows[i].LimitHits++
			if !h.ResetAt.IsZero() {
				rows[i].ResetAt = h.ResetAt
			}
		}
	}
}

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
	pf := periodFold{period: period}
	for i := range entries {
		e := &entries[i]
		mi := p.indexOf(e.Model)
		pf.add(e, mi, p.longContext(mi, e))
	}
	return pf.result(p)
}

// periodFold is the periods of calls offered in time order: those closed
// and the one open.
type periodFold struct {
	period Period
	closed []periodAcc
	cur    *periodAcc
}

type periodAcc struct {
	start, end time.Time
	name       string
	acc
}

func (pf *periodFold) add(e *Entry, mi int, long bool) {
	if c := pf.cur; c == nil || !e.Time.Before(c.end) || e.Time.Before(c.start) {
		if c != nil {
			pf.closed = append(pf.closed, *c)
		}
		start, end, name := pf.period(e.Time)
		pf.cur = &periodAcc{start: start, end: end, name: name}
	}
	pf.cur.add(e, mi, long)
}

func (pf *periodFold) result(p *pricer) []PeriodRow {
	rows := make([]PeriodRow, 0, len(pf.closed)+1)
	for _, a := range append(pf.closed[:len(pf.closed):len(pf.closed)], pf.all()...) {
		rows = append(rows, PeriodRow{Period: a.name, Start: a.start, End: a.end, Sum: a.result(p, true)})
	}
	return rows
}

// all is the open period, if any, as a list.
func (pf *periodFold) all() []periodAcc {
	if pf.cur == nil {
		return nil
	}
	return []periodAcc{*pf.cur}
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
	p := newPricer(table)
	var b blockFold
	for i := range entries {
		e := &entries[i]
		mi := p.indexOf(e.Model)
		b.add(e, mi, p.longContext(mi, e))
	}
	return b.result(p, hits)
}
