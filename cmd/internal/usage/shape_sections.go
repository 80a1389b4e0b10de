package usage

import (
	"fmt"
	"strconv"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// sessionColumns are the figures the per-session table shows; the CSV and
// JSON rows hold every figure.
var sessionColumns = []struct{ header, figure string }{
	{"CALLS", "calls"},
	{"TURNS", "turns"},
	{"SUBAGENT", "subagent_calls"},
	{"PREFIX", "prefix_tokens"},
	{"GROWTH", "growth_median_tokens"},
	{"MAX CONTEXT", "max_context_tokens"},
	{"OUTPUT", "output_share"},
	{"MISSES", "cache_miss_share"},
	{"PAUSE", "human_pause_seconds"},
	{"CALL", "call_seconds"},
	{"ACTIVE", "active_minutes"},
	{"PACE", "pace_calls_per_active_minute"},
	{"BURST", "burst_calls_per_60s"},
}

// unitOf finds a figure's unit in the report.
func (v shapeView) unitOf(name string) string {
	for _, f := range v.rep.Figures {
		if f.Name == name {
			return f.Unit
		}
	}
	return ""
}

func (v shapeView) sessionGrid() render.Grid {
	g := render.Grid{Header: []string{"SESSION", "START", "VERSION", "WORK"}, RightAlign: []bool{false, false, false, false}}
	for _, c := range sessionColumns {
		g.Header = append(g.Header, c.header)
		g.RightAlign = append(g.RightAlign, true)
	}
	for _, s := range v.rep.Sessions {
		work := "yes"
		if !s.WorkSession {
			work = "no"
		}
		row := []string{shortID(cleanText(s.SessionID)), s.Start.In(v.loc).Format("2006-01-02 15:04"), cleanText(s.Version), work}
		for _, c := range sessionColumns {
			var p *float64
			if x, ok := s.Figures[c.figure]; ok {
				p = &x
			}
			row = append(row, shapeValue(v.unitOf(c.figure), p))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

func (v shapeView) versionGrid() render.Grid {
	g := render.Grid{Header: []string{"FIGURE"}, RightAlign: []bool{false}}
	for _, vg := range v.rep.Versions {
		g.Header = append(g.Header, fmt.Sprintf("%s (n=%d)", vg.Range, vg.Sessions))
		g.RightAlign = append(g.RightAlign, true)
	}
	for i, f := range v.rep.Figures {
		row := []string{f.Name}
		for _, vg := range v.rep.Versions {
			row = append(row, shapeValue(f.Unit, vg.Figures[i].Median))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// csvSection is a --by section as CSV: every figure, raw numbers.
func (v shapeView) csvSection(by string) render.Grid {
	if by == "version" {
		g := render.Grid{Header: []string{"version_range", "work_sessions", "figure", "unit", "median", "p10", "p90", "pooled", "sessions"}}
		for _, vg := range v.rep.Versions {
			for _, f := range vg.Figures {
				g.Rows = append(g.Rows, []string{vg.Range, strconv.Itoa(vg.Sessions), f.Name, f.Unit,
					rawValue(f.Median), rawValue(f.P10), rawValue(f.P90), rawValue(f.Pooled), strconv.Itoa(f.Sessions)})
			}
		}
		return g
	}
	g := render.Grid{Header: []string{"session_id", "project", "version", "version_range", "model", "start", "end", "work_session", "excluded_because"}}
	for _, f := range v.rep.Figures {
		g.Header = append(g.Header, f.Name)
	}
	for _, s := range v.rep.Sessions {
		row := []string{s.SessionID, s.Project, s.Version, s.VersionRange, s.Model,
			s.Start.UTC().Format("2006-01-02T15:04:05.000Z"), s.End.UTC().Format("2006-01-02T15:04:05.000Z"),
			strconv.FormatBool(s.WorkSession), s.ExcludedBecause}
		for _, f := range v.rep.Figures {
			var p *float64
			if x, ok := s.Figures[f.Name]; ok {
				p = &x
			}
			row = append(row, rawValue(p))
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}
