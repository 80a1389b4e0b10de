package usage

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// sessionAcc is a session's row, its project (that of its last entry not
// from a subagent, else its first) and every project it touched.
type sessionAcc struct {
	acc
	project     string
	projects    []string
	lastProject string
	projectAcc  *acc // the row of lastProject
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

// Sum is the usage of one report row: requests, tokens by kind and their
// API-equivalent cost at list prices. The JSON names are the contract
// scripts read.
type Sum struct {
	Requests            int64       `json:"requests"`
	InputTokens         int64       `json:"input_tokens"`
	OutputTokens        int64       `json:"output_tokens"`
	CacheCreationTokens int64       `json:"cache_creation_tokens"`
	CacheWrite5mTokens  int64       `json:"cache_write_5m_tokens"`
	CacheWrite1hTokens  int64       `json:"cache_write_1h_tokens"`
	CacheReadTokens     int64       `json:"cache_read_tokens"`
	TotalTokens         int64       `json:"total_tokens"`
	CostUSD             tiers.Money `json:"cost_usd"`
	// UnpricedTokens belong to models the tier table does not know; they
	// are in the token counts but not in cost_usd.
	UnpricedTokens      int64    `json:"unpriced_tokens"`
	LongContextRequests int64    `json:"long_context_requests"`
	SubagentRequests    int64    `json:"subagent_requests"`
	WebSearchRequests   int64    `json:"web_search_requests"`
	Models              []string `json:"models,omitempty"`
}

// acc accumulates one row: its tokens per model and rate (bill), summed
// when the row is priced.
type acc struct {
	sum         Sum
	bill        bill
	first, last time.Time
}

// add counts one call. Calls come in time order, so the row's first call
// is the first added and its last the last.
func (a *acc) add(e *Entry, mi int, long bool) {
	if a.sum.Requests == 0 {
		a.first = e.Time
	}
	a.last = e.Time
	a.sum.Requests++
	a.bill.add(mi, long, e.Tokens)
	if long {
		a.sum.LongContextRequests++
	}
	if e.Subagent {
		a.sum.SubagentRequests++
	}
	if e.WebSearches != 0 {
		a.sum.WebSearchRequests = addSat(a.sum.WebSearchRequests, e.WebSearches)
	}
}

// result prices the row and fills in the token columns.
func (a *acc) result(p *pricer, withModels bool) Sum {
	s := a.sum
	var t Tokens
	for _, mb := range a.bill {
		t.Add(mb.std)
		t.Add(mb.long)
	}
	s.InputTokens = t.Input
	s.OutputTokens = t.Output
	s.CacheCreationTokens = t.CacheWrite()
	s.CacheWrite5mTokens = t.CacheWrite5m
	s.CacheWrite1hTokens = t.CacheWrite1h
	s.CacheReadTokens = t.CacheRead
	s.TotalTokens = t.Total()
	cost, unpriced := a.bill.cost(p)
	s.CostUSD = cost
	s.UnpricedTokens = unpriced
	if withModels {
		for mi, mb := range a.bill {
			if mb.used {
				s.Models = append(s.Models, p.names[mi])
			}
		}
		sort.Strings(s.Models)
	}
	return s
}

// group accumulates rows by a key, remembering first-seen order.
type group struct {
	rows map[string]*acc
	keys []string
}

func newGroup() *group { return &group{rows: map[string]*acc{}} }

func (g *group) get(key string) *acc {
	a := g.rows[key]
	if a == nil {
		a = &acc{}
		g.rows[key] = a
		g.keys = append(g.keys, key)
	}
	return a
}
