package diagnose

import (
	"fmt"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// tierAdvice names the tiers the headers are consistent with and the tier
// that lifts the binding limit or spend cap.
func tierAdvice(d *Diagnosis) []string {
	t := d.Tier
	what := "this limit"
	if d.Kind == KindSpendCap {
		what = "the monthly spend cap"
	}
	if t == nil || len(t.ConsistentWith) == 0 {
		if d.Kind == KindSpendCap {
			return []string{"a tier with a higher monthly spend cap lifts it sooner"}
		}
		return nil
	}
	on := "the limits in the headers are consistent with " + joinAnd(t.ConsistentWith) + " (pool " + t.Pool + ")"
	if len(t.ConsistentWith) > 1 {
		on += ", which share these figures"
	}
	switch {
	case d.Limit == LimitUnknown:
		return []string{on}
	case t.unrated:
		return []string{on + "; the table has no " + strings.ToUpper(string(d.Limit)) + " figure to compare"}
	case t.Next != "":
		return []string{fmt.Sprintf("%s; %s lifts %s to %s", on, t.Next, what, t.NextLimit)}
	case t.Negotiated != "":
		return []string{fmt.Sprintf("%s; no published tier lifts %s: %s has negotiated limits (contact sales)", on, what, t.Negotiated)}
	}
	return []string{fmt.Sprintf("%s; no tier in the table lifts %s", on, what)}
}

func joinAnd(list []string) string {
	if len(list) <= 1 {
		return strings.Join(list, "")
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// missingFor lists what this kind of verdict would have used but the input
// lacked, so the user knows what a fuller paste would add.
func missingFor(d *Diagnosis, resp paste.Response, missingBuckets []string) []string {
	out := []string{}
	if resp.Status == 0 && resp.Message == "" {
		out = append(out, "status")
	}
	apiHeaders := d.Subscription == nil && d.Provider != "openai" && d.Provider != "gemini"
	if apiHeaders && (d.Kind == KindRateLimit || d.Kind == KindOK || (d.Kind == KindOther && resp.Status == 0)) {
		if len(resp.Header) == 0 {
			// A line or a body alone: no header was pasted, so name the
			// family, not each of its twelve headers.
			out = append(out, "anthropic-ratelimit-*")
		} else {
			out = append(out, missingBuckets...)
		}
	}
	if d.Kind == KindSubscriptionLimit && d.Subscription == nil {
		out = append(out, "anthropic-ratelimit-unified-*")
	}
	if d.Kind == KindRateLimit && !dailyLimit(d.Limit) && d.RetryAfterS == nil {
		out = append(out, "retry-after")
	}
	needsRef := d.Kind == KindSpendCap || len(d.Buckets) > 0 || d.Subscription != nil
	if needsRef && d.ReferenceFrom != RefDateHeader {
		if _, present := resp.Header.Get("date"); !present {
			out = append(out, "date")
		}
	}
	if d.Kind != KindOK && len(strings.TrimSpace(string(resp.Body))) == 0 && resp.Message == "" {
		out = append(out, "body")
	}
	return out
}

// staleAfter is the age from which a response counts as old; below it, the
// difference is clock skew or the time it took to paste.
const staleAfter = time.Minute

// staleNote says when a pasted response is so old that its waits have
// passed, so nobody waits for a bucket that refilled an hour ago.
func staleNote(d *Diagnosis, now time.Time, n *notes) {
	if d.ReferenceFrom != RefDateHeader || now.Sub(d.ReferenceTime) < staleAfter {
		return
	}
	latest := d.ReferenceTime
	if d.ResumeAt != nil && d.ResumeAt.After(latest) {
		latest = *d.ResumeAt
	}
	for _, b := range d.Buckets {
		if b.Reset != nil && b.Reset.After(latest) {
			latest = *b.Reset
		}
	}
	if latest.Equal(d.ReferenceTime) || now.Before(latest) {
		return
	}
	n.add("this response is from %s, %s before now: every reset and wait above has passed since",
		d.ReferenceTime.Format(time.RFC3339), FormatSeconds(ceilSeconds(now.Sub(d.ReferenceTime))))
}
