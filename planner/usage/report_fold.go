package usage

import (
	"sort"
	"time"
)

// folded is the report's rows accumulated in one pass over the entries.
// Models are numbered by the pricer and accumulated in a slice; a session
// remembers its projects itself: no map is touched per entry beyond the
// session and project rows.
type folded struct {
	total        acc
	days         *group
	sessions     map[string]*sessionAcc
	sessionOrder []string
	projects     *group
	models       []*acc // by model number; nil for models not seen
}

// sessionAcc is a session's row, its project (that of its first entry not
// from a subagent, else its first) and every project it touched.
type sessionAcc struct {
	acc
	project     string
	projects    []string
	lastProject string
	projectAcc  *acc // the row of lastProject
}

func foldEntries(entries []Entry, p *pricer, loc *time.Location) *folded {
	f := &folded{days: newGroup(), projects: newGroup(), sessions: map[string]*sessionAcc{}}
	var day dayCache
	var lastSession, lastDay string
	var sa *sessionAcc
	var dayAcc *acc
	for i := range entries {
		e := &entries[i]
		mi := p.indexOf(e.Model)
		long := p.longContext(mi, e)
		f.total.add(e, mi, long)
		if k := day.key(e.Time, loc); dayAcc == nil || k != lastDay {
			dayAcc, lastDay = f.days.get(k), k
		}
		dayAcc.add(e, mi, long)
		if sa == nil || e.SessionID != lastSession {
			sa = f.sessions[e.SessionID]
			if sa == nil {
				sa = &sessionAcc{project: e.Project}
				f.sessions[e.SessionID] = sa
				f.sessionOrder = append(f.sessionOrder, e.SessionID)
			}
			lastSession = e.SessionID
		}
		sa.add(e, mi, long)
		if sa.touch(e) {
			sa.projectAcc = f.projects.get(e.Project)
		}
		sa.projectAcc.add(e, mi, long)
		for len(f.models) <= mi {
			f.models = append(f.models, nil)
		}
		if f.models[mi] == nil {
			f.models[mi] = &acc{}
		}
		f.models[mi].add(e, mi, long)
	}
	return f
}

// touch records the entry's project: the session's project is the last
// one named by an entry not from a subagent, else its first entry's; every
// project is counted once per session. It reports whether the project is
// not the one of the session's previous entry.
func (s *sessionAcc) touch(e *Entry) bool {
	if !e.Subagent {
		s.project = e.Project
	}
	if s.projectAcc != nil && e.Project == s.lastProject {
		return false
	}
	s.lastProject = e.Project
	for _, p := range s.projects {
		if p == e.Project {
			return true
		}
	}
	s.projects = append(s.projects, e.Project)
	return true
}

// modelsByName returns the numbers of the models seen, sorted by id.
func (f *folded) modelsByName(p *pricer) []int {
	var out []int
	for mi, a := range f.models {
		if a != nil {
			out = append(out, mi)
		}
	}
	sort.Slice(out, func(i, j int) bool { return p.names[out[i]] < p.names[out[j]] })
	return out
}
