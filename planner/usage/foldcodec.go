package usage

import (
	"math"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/tiers"
)

// A report fold kept in the index, between two minutes: every row it
// holds, in the index's string numbers. It is decoded against the same
// tier table and time zone it was folded with (the report state's key
// says which), and its days are checked against the zone as it is now.

// encodeFold writes rf, which must be at the start of a minute (its
// current minute flushed).
func encodeFold(e *binfmt.Encoder, rf *reportFold) {
	e.Uint(uint64(len(rf.p.names)))
	for _, n := range rf.p.names {
		e.Str(n)
	}
	encodeAcc(e, &rf.total)
	e.Uint(uint64(len(rf.days.keys)))
	for _, k := range rf.days.keys {
		start, end := dayBounds(k, rf.loc)
		e.Str(k)
		e.Int(start)
		e.Int(end)
		encodeAcc(e, rf.days.rows[k])
	}
	e.Uint(uint64(len(rf.sessionOrder)))
	for _, k := range rf.sessionOrder {
		sa := rf.sessions[k]
		e.Str(k)
		encodeAcc(e, &sa.acc)
		e.Str(sa.project)
		e.Uint(uint64(len(sa.projects)))
		for _, p := range sa.projects {
			e.Str(p)
		}
		e.Str(sa.lastProject)
	}
	e.Uint(uint64(len(rf.projects.keys)))
	for _, k := range rf.projects.keys {
		e.Str(k)
		encodeAcc(e, rf.projects.rows[k])
	}
	e.Uint(uint64(len(rf.models)))
	for _, a := range rf.models {
		e.Bool(a != nil)
		if a != nil {
			encodeAcc(e, a)
		}
	}
	b := &rf.blocks
	e.Uint(uint64(len(b.closed)))
	for i := range b.closed {
		e.Time(b.closed[i].start)
		encodeAcc(e, &b.closed[i].acc)
	}
	e.Bool(b.cur != nil)
	if b.cur != nil {
		e.Time(b.start)
		e.Time(b.last)
		encodeAcc(e, b.cur)
	}
	encodePeaks(e, &rf.peaks)
	e.Uint(uint64(len(rf.periods)))
	for i := range rf.periods {
		pf := &rf.periods[i]
		e.Uint(uint64(len(pf.closed)))
		for j := range pf.closed {
			encodePeriod(e, &pf.closed[j])
		}
		e.Bool(pf.cur != nil)
		if pf.cur != nil {
			encodePeriod(e, pf.cur)
		}
	}
}

func encodePeaks(e *binfmt.Encoder, pf *peakFold) {
	e.Uint(uint64(pf.minutes))
	e.Uint(uint64(pf.unpooled))
	e.Uint(uint64(len(pf.pools)))
	for _, pp := range pf.pools {
		e.Str(pp.Pool)
		for _, n := range [...]int64{int64(pp.ActiveMinutes), pp.MaxRPM, pp.MaxITPM, pp.MaxOTPM} {
			e.Uint(uint64(n))
		}
	}
	e.Uint(uint64(len(pf.replays)))
	for _, r := range pf.replays {
		e.Str(r.Tier)
		for _, n := range [...]int{r.Throttled, r.OverRPM, r.OverITPM, r.OverOTPM, r.OverTPM, r.NotOffered} {
			e.Uint(uint64(n))
		}
		e.U64(math.Float64bits(r.PeakUtilisation))
		e.Str(r.PeakLimit)
	}
	e.Uint(uint64(len(pf.best)))
	for _, l := range pf.best {
		e.Time(l.Minute)
		e.Str(l.Pool)
		e.Uint(uint64(l.Requests))
		e.Uint(uint64(l.ITPM))
		e.Uint(uint64(l.OTPM))
	}
}

// decodeFold reads what encodeFold wrote into a fold for table and opt;
// false when the bytes do not hold together, or a day's bounds or a
// period are not those the zone and the periods give now.
func decodeFold(d *binfmt.Decoder, table *tiers.Table, opt ReportOptions) (*reportFold, bool) {
	rf := newReportFold(table, opt)
	n := d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		if rf.p.indexOf(d.Str()) != i {
			d.Fail() // a model twice
		}
	}
	models := len(rf.p.names)
	decodeAcc(d, &rf.total, models)
	n = d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		k := d.Str()
		start, end := d.Int(), d.Int()
		if s, e := dayBounds(k, rf.loc); s != start || e != end {
			return nil, false // the zone's rules changed, or another zone
		}
		decodeAcc(d, rf.days.get(k), models)
	}
	n = d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		k := d.Str()
		sa := &sessionAcc{}
		decodeAcc(d, &sa.acc, models)
		sa.project = d.Str()
		m := d.Count()
		for j := 0; j < m && d.Err == nil; j++ {
			sa.projects = append(sa.projects, d.Str())
		}
		sa.lastProject = d.Str()
		if rf.sessions[k] != nil {
			d.Fail()
		}
		rf.sessions[k] = sa
		rf.sessionOrder = append(rf.sessionOrder, k)
	}
	n = d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		decodeAcc(d, rf.projects.get(d.Str()), models)
	}
	n = d.Count()
	if n > models {
		d.Fail()
	}
	for i := 0; i < n && d.Err == nil; i++ {
		var a *acc
		if d.Bool() {
			a = &acc{}
			decodeAcc(d, a, models)
		}
		rf.models = append(rf.models, a)
	}
	b := &rf.blocks
	n = d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		ba := blockAcc{start: logTime(d)}
		decodeAcc(d, &ba.acc, models)
		b.closed = append(b.closed, ba)
	}
	if d.Bool() {
		b.start, b.last = logTime(d), logTime(d)
		b.startSec, b.startNsec = b.start.Unix(), b.start.Nanosecond()
		b.lastSec, b.lastNsec = b.last.Unix(), b.last.Nanosecond()
		b.cur = &acc{}
		decodeAcc(d, b.cur, models)
	}
	decodePeaks(d, &rf.peaks)
	if d.Count() != len(rf.periods) {
		d.Fail()
	}
	for i := 0; i < len(rf.periods) && d.Err == nil; i++ {
		if !decodePeriods(d, &rf.periods[i], models) {
			return nil, false
		}
	}
	return rf, d.Err == nil
}

// decodePeriods reads one period fold: its closed periods, then the open
// one. A period's end and name come from the Period itself, which must
// give the same start: its rows keep the Period's time zone.
func decodePeriods(d *binfmt.Decoder, pf *periodFold, models int) bool {
	one := func() (periodAcc, bool) {
		t, name := logTime(d), d.Str()
		start, end, n := pf.period(t)
		a := periodAcc{start: start, end: end, name: name}
		decodeAcc(d, &a.acc, models)
		return a, start.Equal(t) && n == name
	}
	closed := d.Count()
	for j := 0; j < closed && d.Err == nil; j++ {
		a, ok := one()
		if !ok {
			return false
		}
		pf.closed = append(pf.closed, a)
	}
	if d.Bool() {
		a, ok := one()
		if !ok {
			return false
		}
		pf.cur = &a
	}
	return d.Err == nil
}

func encodePeriod(e *binfmt.Encoder, a *periodAcc) {
	e.Time(a.start)
	e.Str(a.name)
	encodeAcc(e, &a.acc)
}

func decodePeaks(d *binfmt.Decoder, pf *peakFold) {
	pf.minutes, pf.unpooled = int(d.Uint()), int64(d.Uint())
	n := d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		pp := &PoolPeak{Pool: d.Str()}
		pp.ActiveMinutes = int(d.Uint())
		pp.MaxRPM, pp.MaxITPM, pp.MaxOTPM = int64(d.Uint()), int64(d.Uint()), int64(d.Uint())
		pf.pools[pp.Pool] = pp
	}
	if n = d.Count(); n != len(pf.replays) {
		d.Fail()
		return
	}
	for i := range pf.replays {
		r := &pf.replays[i]
		if d.Str() != r.Tier {
			d.Fail()
		}
		for _, p := range [...]*int{&r.Throttled, &r.OverRPM, &r.OverITPM, &r.OverOTPM, &r.OverTPM, &r.NotOffered} {
			*p = int(d.Uint())
		}
		r.PeakUtilisation = math.Float64frombits(d.U64())
		r.PeakLimit = d.Str()
	}
	n = d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		pf.best = append(pf.best, MinuteLoad{Minute: logTime(d), Pool: d.Str(), Requests: int64(d.Uint()), ITPM: int64(d.Uint()), OTPM: int64(d.Uint())})
	}
	if len(pf.best) > pf.top {
		d.Fail()
	}
}

// dayBounds is when the day named k (YYYY-MM-DD) starts and ends in loc,
// in Unix seconds.
func dayBounds(k string, loc *time.Location) (start, end int64) {
	t, err := time.ParseInLocation("2006-01-02", k, loc)
	if err != nil {
		return 0, 0
	}
	return t.Unix(), t.AddDate(0, 0, 1).Unix()
}
