package usage

import (
	"fmt"
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
	// Periods, when set, are stretches of time other than days to sum
	// over as well (calendar weeks, months): one list of rows each, in
	// Report.Periods.
	Periods []PeriodSpec
}

// PeriodSpec is a Period a report sums over, and a key that names it: a
// report kept in the index serves only the same keys (a Period, a
// function, cannot be compared).
type PeriodSpec struct {
	Key    string
	Period Period
}

// key names the options for a kept report (the zone and the tier table
// are named apart).
func (o ReportOptions) key() string {
	k := fmt.Sprintf("top %d", o.Top)
	for _, p := range o.Periods {
		k += "\x00" + p.Key
	}
	return k
}

// same reports whether o asks for the report b was built with.
func (o ReportOptions) same(b ReportOptions) bool {
	return o.Location == b.Location && o.key() == b.key()
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
	// Periods are the sums over ReportOptions.Periods, one list each,
	// as SumByPeriod gives them; the command renders them itself.
	Periods [][]PeriodRow `json:"-"`
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

// BuildReport turns read data into a report priced with table. When the
// read was asked for this report (Options.Report, the same table and
// options), it was built then, from what changed, and is returned as is.
func BuildReport(data *Data, table *tiers.Table, opt ReportOptions) Report {
	r := reportHeader(data, table, opt.Location)
	if b := data.built; b != nil && b.table == table && b.opt.same(opt) {
		b.fill(&r)
		return r
	}
	rf := newReportFold(table, opt)
	for _, e := range data.calls() {
		rf.add(e)
	}
	rf.finish(&r, data.LimitHits)
	return r
}

// reportHeader is the part of a report that comes from the files read,
// not from the calls.
func reportHeader(data *Data, table *tiers.Table, loc *time.Location) Report {
	if loc == nil {
		loc = time.UTC
	}
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
	return r
}

// builtReport is the part of a report that comes from the calls, built
// during the read it was asked of.
type builtReport struct {
	table *tiers.Table
	opt   ReportOptions
	part  Report
}

// fill puts the built rows into r.
func (b *builtReport) fill(r *Report) {
	p := b.part
	r.Totals, r.Days, r.Sessions, r.Projects, r.Models = p.Totals, p.Days, p.Sessions, p.Projects, p.Models
	r.Blocks, r.UnknownModels, r.Peaks, r.Periods = p.Blocks, p.UnknownModels, p.Peaks, p.Periods
	r.Problems = append(r.Problems, p.Problems...)
}
