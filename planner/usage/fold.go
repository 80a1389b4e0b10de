package usage

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// reportFold is a report's rows accumulated call by call, in time order:
// totals, days, sessions, projects, models, 5-hour blocks and the
// per-minute peaks, in one pass. At the start of a minute it can be kept
// (encoded in the index, see foldcodec.go) and go on from there later, so
// a report over a grown history folds only its newest calls.
type reportFold struct {
	p   *pricer
	loc *time.Location

	total        acc
	days         *group
	sessions     map[string]*sessionAcc
	sessionOrder []string
	projects     *group
	models       []*acc // by model number; nil for models not seen
	blocks       blockFold
	peaks        peakFold
	periods      []periodFold

	// Entries come sorted: the last day, session and day row are
	// remembered rather than looked up per call.
	day         dayCache
	lastSession string
	lastDay     string
	sa          *sessionAcc
	dayAcc      *acc
}

func newReportFold(table *tiers.Table, opt ReportOptions) *reportFold {
	rf := &reportFold{p: newPricer(table), loc: zoneOf(opt.Location), days: newGroup(), projects: newGroup(),
		sessions: map[string]*sessionAcc{}, peaks: newPeakFold(table, opt.Top)}
	for _, ps := range opt.Periods {
		rf.periods = append(rf.periods, periodFold{period: ps.Period})
	}
	return rf
}

// add folds one call; calls come in time order, ties in merge order.
func (rf *reportFold) add(e *Entry) {
	p := rf.p
	mi := p.indexOf(e.Model)
	long := p.longContext(mi, e)
	rf.total.add(e, mi, long)
	if k := rf.day.key(e.Time, rf.loc); rf.dayAcc == nil || k != rf.lastDay {
		rf.dayAcc, rf.lastDay = rf.days.get(k), k
	}
	rf.dayAcc.add(e, mi, long)
	if rf.sa == nil || e.SessionID != rf.lastSession {
		rf.sa = rf.sessions[e.SessionID]
		if rf.sa == nil {
			rf.sa = &sessionAcc{project: e.Project}
			rf.sessions[e.SessionID] = rf.sa
			rf.sessionOrder = append(rf.sessionOrder, e.SessionID)
		}
		rf.lastSession = e.SessionID
	}
	sa := rf.sa
	sa.add(e, mi, long)
	if sa.touch(e) {
		sa.projectAcc = rf.projects.get(e.Project)
	}
	sa.projectAcc.add(e, mi, long)
	for len(rf.models) <= mi {
		rf.models = append(rf.models, nil)
	}
	if rf.models[mi] == nil {
		rf.models[mi] = &acc{}
	}
	rf.models[mi].add(e, mi, long)
	rf.blocks.add(e, mi, long)
	rf.peaks.add(e, p.found[mi])
	for i := range rf.periods {
		rf.periods[i].add(e, mi, long)
	}
}

// finish writes the rows into r: totals, days, sessions, projects,
// models, blocks (with the limit hits that fell in them) and peaks.
func (rf *reportFold) finish(r *Report, hits []LimitHit) {
	p := rf.p
	r.Totals = rf.total.result(p, true)
	r.Days = make([]DayRow, 0, len(rf.days.keys))
	for _, k := range sortedKeys(rf.days) {
		r.Days = append(r.Days, DayRow{Date: k, Sum: rf.days.rows[k].result(p, true)})
	}
	r.Sessions = make([]SessionRow, 0, len(rf.sessionOrder))
	projectSessions := map[string]int{}
	for _, k := range rf.sessionOrder {
		sa := rf.sessions[k]
		r.Sessions = append(r.Sessions, SessionRow{SessionID: k, Project: sa.project, Start: sa.first, End: sa.last, Sum: sa.result(p, true)})
		for _, proj := range sa.projects {
			projectSessions[proj]++
		}
	}
	sort.SliceStable(r.Sessions, func(i, j int) bool { return r.Sessions[i].Start.Before(r.Sessions[j].Start) })
	r.Projects = make([]ProjectRow, 0, len(rf.projects.keys))
	for _, k := range sortedKeys(rf.projects) {
		r.Projects = append(r.Projects, ProjectRow{Project: k, Sessions: projectSessions[k], Sum: rf.projects.rows[k].result(p, true)})
	}
	r.Models = make([]ModelRow, 0, len(rf.models))
	r.UnknownModels = []UnknownModel{}
	for _, mi := range rf.modelsByName() {
		k := p.names[mi]
		row := ModelRow{Model: k, Sum: rf.models[mi].result(p, false)}
		if m := p.found[mi]; m != nil {
			row.TableModel, row.Pool = m.Name, m.Pool
		} else {
			row.Unknown = true
			r.UnknownModels = append(r.UnknownModels, UnknownModel{Model: k, Requests: row.Requests, TotalTokens: row.TotalTokens})
		}
		r.Models = append(r.Models, row)
	}
	if pr, ok := overflowProblem(r.Totals); ok {
		r.Problems = append(r.Problems, pr)
	}
	r.Blocks = rf.blocks.result(p, hits)
	r.Peaks = rf.peaks.result()
	for i := range rf.periods {
		r.Periods = append(r.Periods, rf.periods[i].result(p))
	}
}

// modelsByName returns the numbers of the models seen, sorted by id.
func (rf *reportFold) modelsByName() []int {
	var out []int
	for mi, a := range rf.models {
		if a != nil {
			out = append(out, mi)
		}
	}
	sort.Slice(out, func(i, j int) bool { return rf.p.names[out[i]] < rf.p.names[out[j]] })
	return out
}

func sortedKeys(g *group) []string {
	keys := append([]string{}, g.keys...)
	sort.Strings(keys)
	return keys
}

// dayCache names the calendar day of a time, remembering the last day's
// bounds: entries come sorted, so formatting a date once per day is enough.
type dayCache struct {
	start, end time.Time
	name       string
}

func (c *dayCache) key(t time.Time, loc *time.Location) string {
	if c.name != "" && !t.Before(c.start) && t.Before(c.end) {
		return c.name
	}
	lt := t.In(loc)
	c.start = time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	c.end = c.start.AddDate(0, 0, 1)
	c.name = lt.Format("2006-01-02")
	return c.name
}
