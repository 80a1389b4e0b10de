package shape

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

// SchemaVersion is the version of the JSON report; it changes when a field
// changes meaning or goes away.
const SchemaVersion = 1

// DefaultMinWorkCalls is the fewest main-thread calls of a work session:
// the shortest tool loop is three calls (ask, run a tool, answer). Claude
// Code also logs sessions that are not work: a title or warm-up exchange, a
// session opened and closed, a question answered in one call. Their one or
// two calls would pull every median (calls, growth, pace) towards an empty
// session, so they are counted and set aside.
const DefaultMinWorkCalls = 3

// Options shape the aggregates.
type Options struct {
	// MinWorkCalls is the fewest main-thread calls a session needs to
	// count as a work session; 0 means DefaultMinWorkCalls.
	MinWorkCalls int
}

// Figure is one measured figure over the work sessions. Median, P10 and
// P90 are nearest-rank percentiles of the per-session values (each is a
// value some session had); Pooled puts all sessions' events together, as
// PooledBasis says. A figure no session has is null throughout.
type Figure struct {
	Name        string   `json:"name"`
	Unit        string   `json:"unit"`
	Median      *float64 `json:"median"`
	P10         *float64 `json:"p10"`
	P90         *float64 `json:"p90"`
	Pooled      *float64 `json:"pooled"`
	PooledBasis string   `json:"pooled_basis"`
	// Sessions is how many work sessions have the figure (a session with
	// no compaction has no compaction threshold).
	Sessions int    `json:"sessions"`
	Meaning  string `json:"meaning"`
}

// Exclusion is a group of sessions left out of the figures, and why.
type Exclusion struct {
	Reason   string `json:"reason"`
	Sessions int    `json:"sessions"`
}

// VersionGroup is the figures over the work sessions of one Claude Code
// version range (the version of a session's first call).
type VersionGroup struct {
	Range    string   `json:"range"`
	Sessions int      `json:"sessions"`
	Figures  []Figure `json:"figures"`
}

// SessionShape is one session's figures.
type SessionShape struct {
	SessionID    string    `json:"session_id"`
	Project      string    `json:"project"`
	Version      string    `json:"version"`
	VersionRange string    `json:"version_range"`
	Model        string    `json:"model"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	WorkSession  bool      `json:"work_session"`
	// ExcludedBecause says why a session is not a work session.
	ExcludedBecause string       `json:"excluded_because,omitempty"`
	Tokens          usage.Tokens `json:"tokens"`
	SubagentTokens  usage.Tokens `json:"subagent_tokens"`
	// Figures holds the figures the session has, by name.
	Figures map[string]float64 `json:"figures"`
}

// Report is everything `usage --shape` shows, one model for every format.
type Report struct {
	SchemaVersion int `json:"schema_version"`
	Stats
	// SessionsRead counts sessions with at least one call.
	SessionsRead int             `json:"sessions_read"`
	WorkSessions int             `json:"work_sessions"`
	MinWorkCalls int             `json:"min_work_calls"`
	WorkRule     string          `json:"work_session_rule"`
	Excluded     []Exclusion     `json:"excluded"`
	Figures      []Figure        `json:"figures"`
	Versions     []VersionGroup  `json:"versions"`
	Sessions     []SessionShape  `json:"sessions"`
	Problems     []usage.Problem `json:"problems"`
}

// Analyze measures every session and aggregates the work sessions.
func Analyze(c *Corpus, opt Options) Report {
	minCalls := opt.MinWorkCalls
	if minCalls <= 0 {
		minCalls = DefaultMinWorkCalls
	}
	rep := Report{
		SchemaVersion: SchemaVersion,
		Stats:         c.Stats,
		MinWorkCalls:  minCalls,
		WorkRule: fmt.Sprintf("a work session has at least %d main-thread API calls; "+
			"shorter ones (titles, warm-ups, sessions opened and closed) are counted but left out of the figures", minCalls),
		Excluded: []Exclusion{},
		Sessions: []SessionShape{},
		Problems: append([]usage.Problem{}, c.Problems...),
	}
	noMain, short := 0, 0
	var work []*measure
	groups := map[string][]*measure{}
	for _, s := range c.sessions {
		m := measureSession(s)
		row := sessionRow(s, m)
		switch {
		case m.calls == 0:
			noMain++
			row.ExcludedBecause = "no main-thread call (subagent calls only)"
		case m.calls < minCalls:
			short++
			row.ExcludedBecause = fmt.Sprintf("fewer than %d main-thread calls", minCalls)
		default:
			row.WorkSession = true
			work = append(work, m)
			groups[row.VersionRange] = append(groups[row.VersionRange], m)
		}
		rep.Sessions = append(rep.Sessions, row)
	}
	rep.SessionsRead = len(rep.Sessions)
	rep.WorkSessions = len(work)
	if noMain > 0 {
		rep.Excluded = append(rep.Excluded, Exclusion{Reason: "no main-thread call (subagent calls only)", Sessions: noMain})
	}
	if short > 0 {
		rep.Excluded = append(rep.Excluded, Exclusion{Reason: fmt.Sprintf("fewer than %d main-thread calls", minCalls), Sessions: short})
	}
	rep.Figures = aggregate(work)
	rep.Versions = []VersionGroup{}
	for _, r := range sortedRanges(groups) {
		rep.Versions = append(rep.Versions, VersionGroup{Range: r, Sessions: len(groups[r]), Figures: aggregate(groups[r])})
	}
	return rep
}

// aggregate draws every figure over a set of sessions.
func aggregate(ms []*measure) []Figure {
	out := make([]Figure, 0, len(figures))
	for _, d := range figures {
		f := Figure{Name: d.name, Unit: d.unit, PooledBasis: d.pooledBasis, Meaning: d.meaning}
		var values []float64
		for _, m := range ms {
			if v, ok := d.session(m); ok {
				values = append(values, v)
			}
		}
		if len(values) > 0 {
			f.Sessions = len(values)
			f.Median = ptr(percentile(values, 0.5))
			f.P10 = ptr(percentile(values, 0.1))
			f.P90 = ptr(percentile(values, 0.9))
			if v, ok := d.pooled(ms); ok {
				f.Pooled = ptr(v)
			}
		}
		out = append(out, f)
	}
	return out
}

func ptr(v float64) *float64 { return &v }

// sessionRow is the report's row of one session.
func sessionRow(s *session, m *measure) SessionShape {
	row := SessionShape{
		SessionID:      s.id,
		Project:        s.project(),
		Version:        m.version,
		VersionRange:   versionRange(m.version),
		Model:          m.model,
		Tokens:         m.main,
		SubagentTokens: m.sub,
		Figures:        map[string]float64{},
	}
	if m.calls > 0 {
		row.Start, row.End = m.start, m.end
	} else if t, ok := s.start(); ok {
		row.Start, row.End = t, t
	}
	for _, d := range figures {
		// a session without a main-thread call has only its subagent count
		if v, ok := d.session(m); ok && (m.calls > 0 || d.name == "subagent_calls") {
			row.Figures[d.name] = v
		}
	}
	return row
}

// versionRange is "MAJOR.MINOR.x" of a Claude Code version, or "unknown".
func versionRange(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 || !digits(parts[0]) || !digits(parts[1]) {
		return "unknown"
	}
	return parts[0] + "." + parts[1] + ".x"
}

func digits(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// sortedRanges orders version ranges numerically, "unknown" last.
func sortedRanges(groups map[string][]*measure) []string {
	var out []string
	for r := range groups {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a == "unknown") != (b == "unknown") {
			return b == "unknown"
		}
		var am, an, bm, bn int
		fmt.Sscanf(a, "%d.%d", &am, &an)
		fmt.Sscanf(b, "%d.%d", &bm, &bn)
		if am != bm {
			return am < bm
		}
		if an != bn {
			return an < bn
		}
		return a < b
	})
	return out
}
