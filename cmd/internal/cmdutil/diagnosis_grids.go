package cmdutil

import (
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
)

// bucketGrid is the buckets table: limit, remaining, time to full.
func bucketGrid(d diagnose.Diagnosis) render.Grid {
	g := render.Grid{
		Header:     []string{"bucket", "measures", "limit", "remaining", "full in", "full at"},
		RightAlign: []bool{false, false, true, true, true, false},
	}
	for _, b := range d.Buckets {
		remaining := optInt(b.Remaining)
		if b.Empty {
			remaining += " (empty)"
		}
		fullIn, fullAt := "?", "?"
		if b.ResetInS != nil {
			fullIn = diagnose.FormatSeconds(*b.ResetInS)
		}
		if b.Reset != nil {
			fullAt = UTCTime(*b.Reset)
		}
		name := b.Name
		if b.Provider == "openai" {
			name = "x-ratelimit " + name
		}
		g.Rows = append(g.Rows, []string{name, strings.ToUpper(string(b.Measures)), optInt(b.Limit), remaining, fullIn, fullAt})
	}
	return g
}

// windowGrid is a subscription's windows: status, share used, reset.
func windowGrid(d diagnose.Diagnosis) render.Grid {
	g := render.Grid{
		Header:     []string{"window", "status", "used", "resets in", "resets at"},
		RightAlign: []bool{false, false, true, true, false},
		// A window's name can be long ("weekly overage-included limit
		// (Claude Code labels it Fable) (binding)"): it wraps before
		// the reset time, then the status, goes.
		Wrap: []int{0},
		Drop: []int{4, 1, 3},
	}
	s := d.Subscription
	if s == nil {
		return g
	}
	for _, w := range s.Windows {
		name := w.Label
		if w.Binding {
			name += " (binding)"
		}
		used, in, at := "?", "?", "?"
		if w.Utilization != nil {
			used = strconv.FormatFloat(*w.Utilization*100, 'f', 0, 64) + "%"
		}
		if w.ResetInS != nil {
			in = diagnose.FormatSeconds(*w.ResetInS)
		}
		if w.Reset != nil {
			at = UTCTime(*w.Reset)
		}
		g.Rows = append(g.Rows, []string{name, orDash(w.Status), used, in, at})
	}
	if o := s.Overage; o != nil {
		status := orDash(o.Status)
		if o.DisabledReason != "" {
			status += " (" + o.DisabledReason + ")"
		}
		used, at := "-", "-"
		if o.Utilization != nil {
			used = strconv.FormatFloat(*o.Utilization*100, 'f', 0, 64) + "%"
		}
		if o.Reset != nil {
			at = UTCTime(*o.Reset)
		}
		g.Rows = append(g.Rows, []string{"extra usage", status, used, "-", at})
	}
	return g
}

// quotaGrid is the quotas a Gemini error names.
func quotaGrid(d diagnose.Diagnosis) render.Grid {
	g := render.Grid{Header: []string{"quota", "model", "limit", "measures"}, RightAlign: []bool{false, false, true, false}, Wrap: []int{0}}
	for _, q := range d.Quotas {
		g.Rows = append(g.Rows, []string{q.ID, orDash(q.Model), optInt(q.Limit), string(q.Measure)})
	}
	return g
}

// diagnosisCSV is one row per bucket, plan window and quota (one row when
// there are none), each carrying the verdict columns so rows from many
// readings can be appended.
func diagnosisCSV(d diagnose.Diagnosis) render.Grid {
	g := render.Grid{Header: []string{"reference_time", "status", "kind", "binding_limit", "retry_after_s",
		"bucket", "limit", "remaining", "reset_in_s", "reset", "utilization", "resume_at", "form"}}
	resume := ""
	if d.ResumeAt != nil {
		resume = d.ResumeAt.Format(time.RFC3339)
	}
	lead := []string{d.ReferenceTime.Format(time.RFC3339), statusText(d.Status), string(d.Kind), string(d.Limit), rawInt(d.RetryAfterS)}
	row := func(bucket, limit, remaining, resetIn, reset, util string) {
		r := append(append([]string(nil), lead...), bucket, limit, remaining, resetIn, reset, util, resume, d.Form)
		g.Rows = append(g.Rows, r)
	}
	for _, b := range d.Buckets {
		name := b.Name
		if b.Provider == "openai" {
			name = "x-ratelimit-" + name
		}
		row(name, rawInt(b.Limit), rawInt(b.Remaining), rawInt(b.ResetInS), rfc3339(b.Reset), "")
	}
	if s := d.Subscription; s != nil {
		for _, w := range s.Windows {
			util := ""
			if w.Utilization != nil {
				util = strconv.FormatFloat(*w.Utilization, 'f', -1, 64)
			}
			row("unified-"+w.Name, "", "", rawInt(w.ResetInS), rfc3339(w.Reset), util)
		}
	}
	for _, q := range d.Quotas {
		row("quota "+q.ID, rawInt(q.Limit), "", "", "", "")
	}
	if len(g.Rows) == 0 {
		row("", "", "", "", "", "")
	}
	return escapeGrid(g)
}

// escapeGrid escapes every cell, for a table a terminal shows.
func escapeGrid(g render.Grid) render.Grid {
	for _, r := range g.Rows {
		for i := range r {
			r[i] = termsafe.Escape(r[i])
		}
	}
	return g
}

func rfc3339(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func statusText(s diagnose.Status) string {
	if s == 0 {
		return ""
	}
	return strconv.Itoa(int(s))
}

func optInt(p *int64) string {
	if p == nil {
		return "?"
	}
	return tiers.GroupDigits(*p)
}

func rawInt(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}
