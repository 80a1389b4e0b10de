package planner

import (
	"slices"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/session"
)

// event is one call of the day's trace: when it starts, which call of which
// part's template it is, and whether its cache had expired by then.
type event struct {
	at      int64 // ms after the start of the working day
	part    int32
	call    int32 // index into the part's template
	session int32 // index into dayTrace.starts
	expired bool
}

// dayTrace is one working day of the team's interactive sessions, laid out
// exactly as simulate runs them when nothing is throttled: the same
// arrivals, the same timing draws, the same calls.
type dayTrace struct {
	starts    []day.Start
	partOf    []int32 // each session's part
	batch     []bool  // sessions sent through the Batch API (not in events)
	templates []*session.Template
	events    []event // interactive calls in time order
}

// SessionAssignment is what a session of the day is: its model part, whether
// it goes through the Batch API, and how many work calls it makes.
type SessionAssignment struct {
	Part  int
	Batch bool
	Calls int
}

// Assign decides a session's part, batch share and length from its own
// marks, so that plan and simulate assign every session alike, and a larger
// share or fraction only ever adds sessions to a part, batch or length.
func (r Resolved) Assign(dayIndex int, s day.Start) SessionAssignment {
	var a SessionAssignment
	u := r.Team.Mark(dayIndex, s, day.PurposePart)
	acc := 0.0
	for i, p := range r.Parts {
		acc += p.Share
		a.Part = i
		if u < acc {
			break
		}
	}
	a.Batch = r.Workload.BatchShare > 0 && r.Team.Mark(dayIndex, s, day.PurposeBatch) < r.Workload.BatchShare
	l := r.Parts[a.Part].Spec.Length
	a.Calls = l.Calls
	if l.Extra > 0 && r.Team.Mark(dayIndex, s, day.PurposeLength) < l.Extra {
		a.Calls++
	}
	return a
}

// buildTrace lays out day 0 of a resolved workload: the day simulate runs
// first with the same seed.
func buildTrace(r Resolved) *dayTrace {
	t := &dayTrace{}
	for _, p := range r.Parts {
		t.templates = append(t.templates, p.Spec.Template())
	}
	for _, s := range r.Team.Starts(0) {
		t.lay(r, 0, s)
	}
	slices.SortFunc(t.events, func(a, b event) int {
		switch {
		case a.at != b.at:
			return cmp64(a.at, b.at)
		case a.session != b.session:
			return int(a.session - b.session)
		}
		return int(a.call - b.call)
	})
	return t
}

// lay adds one session of day d to the trace.
func (t *dayTrace) lay(r Resolved, d int, s day.Start) {
	i := len(t.starts)
	a := r.Assign(d, s)
	at := s.At + int64(d)*limiter.DayMs
	t.starts = append(t.starts, day.Start{At: at, Dev: s.Dev, Session: s.Session})
	t.partOf = append(t.partOf, int32(a.Part))
	t.batch = append(t.batch, a.Batch)
	if a.Batch {
		return
	}
	p := r.Parts[a.Part]
	script := p.Spec.Timing.Script(r.Team.Stream(d, s, day.PurposeTiming))
	ttl := p.Spec.Shape.Cache.TTL().Milliseconds()
	t.templates[a.Part].Walk(at, a.Calls, script, ttl, func(call int, at int64, expired bool) {
		t.events = append(t.events, event{at: at, part: int32(a.Part), call: int32(call), session: int32(i), expired: expired})
	})
}

func cmp64(a, b int64) int {
	if a < b {
		return -1
	}
	return 1
}
