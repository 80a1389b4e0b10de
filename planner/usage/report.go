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
	f := foldEntries(data.Entries, p, loc)
	r.Totals = f.total.result(p, true)
	r.Days = make([]DayRow, 0, len(f.days.keys))
	for _, k := range sortedKeys(f.days) {
		r.Days = append(r.Days, DayRow{Date: k, Sum: f.days.rows[k].result(p, true)})
	}
	r.Sessions = make([]SessionRow, 0, len(f.sessionOrder))
	projectSessions := map[string]int{}
	for _, k := range f.sessionOrder {
		sa := f.sessions[k]
		r.Sessions = append(r.Sessions, SessionRow{SessionID: k, Project: sa.project, Start: sa.first, End: sa.last, Sum: sa.result(p, true)})
		for _, proj := range sa.projects {
			projectSessions[proj]++
		}
	}
	sort.SliceStable(r.Sessions, func(i, j int) bool { return r.Sessions[i].Start.Before(r.Sessions[j].Start) })
	r.Projects = make([]ProjectRow, 0, len(f.projects.keys))
	for _, k := range sortedKeys(f.projects) {
		r.Projects = append(r.Projects, ProjectRow{Project: k, Sessions: projectSessions[k], Sum: f.projects.rows[k].result(p, true)})
	}
	r.Models = make([]ModelRow, 0, len(f.models))
	r.UnknownModels = []UnknownModel{}
	for _, mi := range f.modelsByName(p) {
		k := p.names[mi]
		row := ModelRow{Model: k, Sum: f.models[mi].result(p, false)}
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
