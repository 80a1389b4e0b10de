package usage

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// ReportSchemaVersion is the version of the JSON report; it changes when a
// field changes meaning or goes away.
const ReportSchemaVersion = 1

// ReportOptions shape a report.
type ReportOptions struct {
	// Location groups days; nil means UTC.
	Location *time.Location
	// Top is how many peak minutes to list (all minutes are replayed
	// against the tiers regardless).
	Top int
}

// Report is everything `tierplan usage` shows, as one model that every
// output format renders.
type Report struct {
	SchemaVersion int    `json:"schema_version"`
	TierTable     string `json:"tier_table"`
	TierTableAsOf string `json:"tier_table_as_of,omitempty"`
	Timezone      string `json:"timezone"`

	Files            int   `json:"files"`
	FilesSkipped     int   `json:"files_skipped"`
	Bytes            int64 `json:"bytes"`
	Lines            int   `json:"lines"`
	UsageLines       int   `json:"usage_lines"`
	DuplicateLines   int   `json:"duplicate_lines"`
	ReplaysDropped   int   `json:"sidechain_replays_dropped"`
	BadLines         int   `json:"bad_lines"`
	InvalidUTF8Lines int   `json:"invalid_utf8_lines"`
	APIErrorLines    int   `json:"api_error_lines"`

	Totals        Sum            `json:"totals"`
	Days          []DayRow       `json:"days"`
	Sessions      []SessionRow   `json:"sessions"`
	Projects      []ProjectRow   `json:"projects"`
	Models        []ModelRow     `json:"models"`
	Blocks        []BlockRow     `json:"blocks"`
	UnknownModels []UnknownModel `json:"unknown_models"`
	LimitHits     []LimitHit     `json:"limit_hits"`
	Peaks         Peaks          `json:"peaks"`
	Problems      []Problem      `json:"problems"`
}

// DayRow is one calendar day in the report's time zone.
type DayRow struct {
	Date string `json:"date"`
	Sum
}

// SessionRow is one Claude Code session, subagent work included.
type SessionRow struct {
	SessionID string    `json:"session_id"`
	Project   string    `json:"project"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Sum
}

// ProjectRow is one project, by the real path of its working directory.
type ProjectRow struct {
	Project  string `json:"project"`
	Sessions int    `json:"sessions"`
	Sum
}

// ModelRow is one model id as logged, with the table model that priced it.
type ModelRow struct {
	Model      string `json:"model"`
	TableModel string `json:"table_model,omitempty"`
	Pool       string `json:"pool,omitempty"`
	Unknown    bool   `json:"unknown"`
	Sum
}

// UnknownModel is a logged model id the tier table does not match: its
// tokens are counted, its cost is not (it is never priced at $0 silently).
type UnknownModel struct {
	Model       string `json:"model"`
	Requests    int64  `json:"requests"`
	TotalTokens int64  `json:"total_tokens"`
}

// BuildReport turns read data into a report priced with table.
func BuildReport(data *Data, table *tiers.Table, opt ReportOptions) Report {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	p := newPricer(table)
	r := Report{
		SchemaVersion: ReportSchemaVersion,
		TierTable:     table.Origin,
		Timezone:      loc.String(),
		Files:         len(data.Files), FilesSkipped: data.FilesSkipped, Bytes: data.Bytes,
		Lines: data.Lines, UsageLines: data.UsageLines, DuplicateLines: data.DuplicateLines,
		ReplaysDropped: data.Replays, BadLines: data.BadLines, InvalidUTF8Lines: data.InvalidUTF8,
		APIErrorLines: data.APIErrorLines,
		LimitHits:     append([]LimitHit{}, data.LimitHits...),
		Problems:      append([]Problem{}, data.Problems...),
	}
	if !table.AsOf.IsZero() {
		r.TierTableAsOf = table.AsOf.Format("2006-01-02")
	}
	total := newAcc()
	days, sessions, projects, models := newGroup(), newGroup(), newGroup(), newGroup()
	projectSessions := map[string]map[string]bool{}
	sessionProject := map[string]string{}
	var day dayCache
	for i := range data.Entries {
		e := &data.Entries[i]
		long := p.longContext(e)
		total.add(e, long)
		days.get(day.key(e.Time, loc)).add(e, long)
		sessions.get(e.SessionID).add(e, long)
		projects.get(e.Project).add(e, long)
		models.get(e.Model).add(e, long)
		if _, ok := sessionProject[e.SessionID]; !ok || !e.Subagent {
			sessionProject[e.SessionID] = e.Project
		}
		if projectSessions[e.Project] == nil {
			projectSessions[e.Project] = map[string]bool{}
		}
		projectSessions[e.Project][e.SessionID] = true
	}
	r.Totals = total.result(p, true)

	r.Days = make([]DayRow, 0, len(days.keys))
	for _, k := range sortedKeys(days) {
		r.Days = append(r.Days, DayRow{Date: k, Sum: days.rows[k].result(p, true)})
	}
	r.Sessions = make([]SessionRow, 0, len(sessions.keys))
	for _, k := range sessions.keys {
		a := sessions.rows[k]
		r.Sessions = append(r.Sessions, SessionRow{SessionID: k, Project: sessionProject[k], Start: a.first, End: a.last, Sum: a.result(p, true)})
	}
	sort.SliceStable(r.Sessions, func(i, j int) bool { return r.Sessions[i].Start.Before(r.Sessions[j].Start) })
	r.Projects = make([]ProjectRow, 0, len(projects.keys))
	for _, k := range sortedKeys(projects) {
		r.Projects = append(r.Projects, ProjectRow{Project: k, Sessions: len(projectSessions[k]), Sum: projects.rows[k].result(p, true)})
	}
	r.Models = make([]ModelRow, 0, len(models.keys))
	r.UnknownModels = []UnknownModel{}
	for _, k := range sortedKeys(models) {
		row := ModelRow{Model: k, Sum: models.rows[k].result(p, false)}
		if m, ok := p.model(k); ok {
			row.TableModel, row.Pool = m.Name, m.Pool
		} else {
			row.Unknown = true
			r.UnknownModels = append(r.UnknownModels, UnknownModel{Model: k, Requests: row.Requests, TotalTokens: row.TotalTokens})
		}
		r.Models = append(r.Models, row)
	}
	r.Blocks = buildBlocks(data.Entries, data.LimitHits, p)
	r.Peaks = buildPeaks(data.Entries, table, p, opt.Top)
	return r
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
