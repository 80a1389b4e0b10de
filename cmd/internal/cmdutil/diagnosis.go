package cmdutil

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/tiers"
)

// DiagnosisReport hands one diagnosis to the output dispatcher: model is
// what json and yaml encode; extra facts (what was probed) are listed under
// the verdict in the text forms. `diagnose` and `probe` both show a
// diagnosis this way.
func DiagnosisReport(model any, d diagnose.Diagnosis, extra ...[2]string) render.Report {
	return render.Report{
		Model: model,
		CSV:   func() render.Grid { return diagnosisCSV(d) },
		Text: func(buf *bytes.Buffer, md bool) error {
			return writeDiagnosisText(buf, d, extra, md)
		},
	}
}

// writeDiagnosisText is the readable form: verdict and facts, the buckets
// table, advice, then what was missing. Markdown uses the same layout with
// Markdown lists and a Markdown table.
func writeDiagnosisText(b *bytes.Buffer, d diagnose.Diagnosis, extra [][2]string, markdown bool) error {
	item := "  - "
	if markdown {
		item = "- "
		fmt.Fprintf(b, "**%s**\n\n", d.Verdict)
	} else {
		fmt.Fprintf(b, "Verdict:   %s\n", d.Verdict)
	}
	for _, f := range append(extra, diagnosisFacts(d)...) {
		if markdown {
			fmt.Fprintf(b, "- %s: %s\n", f[0], f[1])
		} else {
			fmt.Fprintf(b, "%-10s %s\n", f[0]+":", f[1])
		}
	}
	if len(d.Buckets) > 0 {
		if err := render.Section(b, "Buckets", bucketGrid(d), markdown); err != nil {
			return err
		}
	}
	for _, sec := range []struct {
		title string
		items []string
	}{{"Advice", d.Advice}, {"Missing", d.Missing}, {"Notes", d.Notes}} {
		if len(sec.items) == 0 {
			continue
		}
		if markdown {
			fmt.Fprintf(b, "\n### %s\n\n", sec.title)
		} else {
			fmt.Fprintf(b, "\n%s\n", sec.title)
		}
		for _, s := range sec.items {
			b.WriteString(item + s + "\n")
		}
	}
	return nil
}

// diagnosisFacts are the label/value lines under the verdict.
func diagnosisFacts(d diagnose.Diagnosis) [][2]string {
	var facts [][2]string
	if d.Limit != diagnose.LimitNone {
		facts = append(facts, [2]string{"Limit", string(d.Limit)})
	}
	if d.WaitS != nil {
		wait := diagnose.FormatSeconds(*d.WaitS)
		if d.RetryAfterS != nil && *d.RetryAfterS == *d.WaitS {
			wait += " (retry-after)"
		}
		if d.ResumeAt != nil {
			wait += ", at " + UTCTime(*d.ResumeAt)
		}
		facts = append(facts, [2]string{"Wait", wait})
	}
	if d.Retryable != nil && !*d.Retryable {
		facts = append(facts, [2]string{"Retry", "no: the same request fails again until something changes"})
	}
	if d.Error != nil {
		msg := d.Error.Message
		if d.Error.Type != "" {
			msg = d.Error.Type + ": " + msg
		}
		if d.Error.Code != "" {
			msg += " [" + d.Error.Code + "]"
		}
		facts = append(facts, [2]string{"Error", strings.TrimSuffix(msg, ": ")})
	}
	if d.RequestID != "" {
		facts = append(facts, [2]string{"Request", d.RequestID})
	}
	if t := d.Tier; t != nil && t.Current != "" {
		facts = append(facts, [2]string{"Tier", t.Current + " (pool " + t.Pool + ") in " + t.Table})
	}
	facts = append(facts, [2]string{"As of", UTCTime(d.ReferenceTime) + " (" + d.ReferenceFrom + ")"})
	return facts
}

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
		g.Rows = append(g.Rows, []string{b.Name, strings.ToUpper(string(b.Measures)), optInt(b.Limit), remaining, fullIn, fullAt})
	}
	return g
}

// diagnosisCSV is one row per bucket (one row when there are none), each
// carrying the verdict columns so rows from many readings can be appended.
func diagnosisCSV(d diagnose.Diagnosis) render.Grid {
	g := render.Grid{Header: []string{"reference_time", "status", "kind", "binding_limit", "retry_after_s",
		"bucket", "limit", "remaining", "reset_in_s", "reset"}}
	lead := []string{d.ReferenceTime.Format(time.RFC3339), statusText(d.Status), string(d.Kind), string(d.Limit), rawInt(d.RetryAfterS)}
	if len(d.Buckets) == 0 {
		g.Rows = append(g.Rows, append(lead, "", "", "", "", ""))
	}
	for _, b := range d.Buckets {
		reset := ""
		if b.Reset != nil {
			reset = b.Reset.Format(time.RFC3339Nano)
		}
		row := append(append([]string(nil), lead...), b.Name, rawInt(b.Limit), rawInt(b.Remaining), rawInt(b.ResetInS), reset)
		g.Rows = append(g.Rows, row)
	}
	return g
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

// UTCTime writes an instant for people, in UTC, to the second.
func UTCTime(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05") + " UTC"
}
