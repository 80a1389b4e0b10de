package cmdutil

import (
	"fmt"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/planner/diagnose/paste"
	"github.com/tierplan/tierplan/planner/termsafe"
)

// DiagnosisSchema is the version of diagnose's and probe's JSON: 2 since
// limit "daily" split into daily_tokens and daily_requests and tier.current
// became tier.consistent_with.
const DiagnosisSchema = 2

// DiagnosisReport hands one diagnosis to the output dispatcher: model is
// what json and yaml encode; extra facts (what was probed) are listed under
// the verdict in the text forms. `diagnose` and `probe` both show a
// diagnosis this way.
func DiagnosisReport(model any, d diagnose.Diagnosis, extra ...[2]string) render.Report {
	return render.Report{
		Model: model,
		CSV:   func() render.Grid { return diagnosisCSV(d) },
		Text: func(p *render.Page) error {
			return writeDiagnosisText(p, d, extra, p.MD)
		},
	}
}

// writeDiagnosisText is the readable form: verdict and facts, the buckets,
// plan windows and quotas, advice, then what was missing. Markdown uses the
// same layout with Markdown lists and tables. Every line goes through
// termsafe, though the diagnosis escaped what came from outside already:
// one rule at the last step, whatever a future field forgets.
func writeDiagnosisText(b *render.Page, d diagnose.Diagnosis, extra [][2]string, markdown bool) error {
	item := "  - "
	if markdown {
		item = "- "
		fmt.Fprintf(b, "**%s**\n\n", termsafe.Escape(d.Verdict))
	} else {
		fmt.Fprintf(b, "Verdict:   %s\n", termsafe.Escape(d.Verdict))
	}
	for _, f := range append(extra, diagnosisFacts(d)...) {
		if markdown {
			fmt.Fprintf(b, "- %s: %s\n", f[0], termsafe.Escape(f[1]))
		} else {
			fmt.Fprintf(b, "%-10s %s\n", f[0]+":", termsafe.Escape(f[1]))
		}
	}
	for _, sec := range []struct {
		title string
		grid  render.Grid
	}{{"Buckets", bucketGrid(d)}, {"Plan windows", windowGrid(d)}, {"Quotas", quotaGrid(d)}} {
		if len(sec.grid.Rows) == 0 {
			continue
		}
		if err := render.Section(b, sec.title, escapeGrid(sec.grid)); err != nil {
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
			b.WriteString(item + termsafe.Escape(s) + "\n")
		}
	}
	return nil
}

// diagnosisFacts are the label/value lines under the verdict.
func diagnosisFacts(d diagnose.Diagnosis) [][2]string {
	var facts [][2]string
	if f := paste.Form(d.Form); f != paste.FormLive && f != paste.FormFlags && f != "" {
		facts = append(facts, [2]string{"Read", f.Words()})
	}
	if d.Limit != diagnose.LimitNone {
		facts = append(facts, [2]string{"Limit", string(d.Limit)})
	}
	if d.WaitS != nil {
		wait := diagnose.FormatSeconds(*d.WaitS)
		if d.ResumeFrom != "" {
			wait += " (" + d.ResumeFrom + ")"
		}
		if d.ResumeAt != nil {
			wait += ", at " + UTCTime(*d.ResumeAt)
		}
		facts = append(facts, [2]string{"Wait", wait})
	}
	if d.Retryable != nil && !*d.Retryable {
		facts = append(facts, [2]string{"Retry", retryText(d)})
	}
	if s := d.Subscription; s != nil && s.Claim != "" {
		facts = append(facts, [2]string{"Claim", s.Claim + " (the window the headers say binds)"})
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
	if d.Message != "" {
		facts = append(facts, [2]string{"Message", d.Message})
	}
	if d.RequestID != "" {
		facts = append(facts, [2]string{"Request", d.RequestID})
	}
	if t := d.Tier; t != nil && len(t.ConsistentWith) > 0 {
		facts = append(facts, [2]string{"Tier", "consistent with " + strings.Join(t.ConsistentWith, ", ") + " (pool " + t.Pool + ") in " + t.Table})
	}
	facts = append(facts, [2]string{"As of", UTCTime(d.ReferenceTime) + " (" + d.ReferenceFrom + ")"})
	return facts
}

// retryText says why retrying does not help, and until when.
func retryText(d diagnose.Diagnosis) string {
	if d.ResumeAt != nil {
		return "no: requests fail until " + UTCTime(*d.ResumeAt) + "; turn automatic retries off"
	}
	return "no: the same request fails again until something changes"
}

// UTCTime writes an instant for people, in UTC, to the second.
func UTCTime(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05") + " UTC"
}
