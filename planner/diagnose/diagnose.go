package diagnose

import (
	"fmt"
	"strings"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// lowShare is the share of a bucket below which, when no bucket reads 0, a
// 429 is put down to that bucket: token remaining values are rounded to the
// nearest 1,000, and a request larger than what is left also fails.
const lowShare = 0.05

// Diagnose decides what a response means. now is used when the response has
// no date header, and to tell when a pasted response is old; table (may be
// nil) names the tier that would lift the binding limit.
func Diagnose(resp Response, now time.Time, table *tiers.Table) Diagnosis {
	notes := append([]string(nil), resp.Notes...)
	ref, refFrom := referenceTime(resp.Header, now, &notes)
	d := Diagnosis{
		Status:        Status(resp.Status),
		ReferenceTime: ref,
		ReferenceFrom: refFrom,
		Advice:        []string{},
		Missing:       []string{},
	}
	d.RetryAfterS = parseRetryAfter(resp.Header, ref, &notes)
	buckets, missingBuckets := readBuckets(resp.Header, ref, &notes)
	d.Buckets = buckets
	if d.Buckets == nil {
		d.Buckets = []Bucket{}
	}
	var eb ErrorBody
	if resp.Status < 200 || resp.Status >= 300 {
		var bodyNotes []string
		eb, d.RequestID, bodyNotes = parseErrorBody(resp.Body)
		notes = append(notes, bodyNotes...)
		if eb != (ErrorBody{}) {
			d.Error = &eb
		}
	}
	if d.RequestID == "" {
		d.RequestID, _ = resp.Header.Get("request-id")
	}

	d.Kind = classify(resp.Status, eb, buckets, d.RetryAfterS, &notes)
	d.Retryable = retryable(d.Kind, resp.Status)
	if d.Kind == KindRateLimit {
		d.Limit = bindingLimit(buckets, eb, &notes)
	}
	d.WaitS, d.ResumeAt = waitFor(&d, ref)
	d.Tier = matchTier(table, buckets, d.Kind, d.Limit, &notes)
	d.Missing = missingFor(&d, resp, missingBuckets)
	d.Verdict = verdict(&d)
	d.Advice = advise(&d)
	notes = append(notes, staleNote(&d, now)...)
	d.Notes = notes
	if d.Notes == nil {
		d.Notes = []string{}
	}
	return d
}

// bindingLimit finds the bucket that stopped the request: an empty one
// (specific buckets before the combined "tokens"; the longest wait among
// several), else what the message names, else a nearly empty bucket.
func bindingLimit(buckets []Bucket, eb ErrorBody, notes *[]string) Limit {
	var empty *Bucket
	for i := range buckets {
		b := &buckets[i]
		if !b.Empty {
			continue
		}
		if empty == nil || (empty.Measures == LimitTokens && b.Measures != LimitTokens) ||
			(b.Measures != LimitTokens && resetIn(b) > resetIn(empty)) {
			empty = b
		}
	}
	msgLimit, _ := limitFromMessage(eb.Message)
	switch {
	case msgLimit == LimitDaily:
		return LimitDaily // no header reports a daily bucket
	case empty != nil:
		if msgLimit != LimitNone && msgLimit != empty.Measures && msgLimit != LimitTokens {
			*notes = append(*notes, fmt.Sprintf("the headers show the %s bucket empty, but the message names %s", empty.Name, msgLimit))
		}
		return empty.Measures
	case msgLimit != LimitNone:
		return msgLimit
	}
	if low := lowestBucket(buckets); low != nil {
		*notes = append(*notes, fmt.Sprintf("no bucket reads 0; the %s bucket is lowest (%d of %d left), probably too little for the request",
			low.Name, *low.Remaining, *low.Limit))
		return low.Measures
	}
	return LimitUnknown
}

func resetIn(b *Bucket) int64 {
	if b.ResetInS == nil {
		return -1
	}
	return *b.ResetInS
}

// lowestBucket is the bucket with the smallest share left, if under lowShare.
func lowestBucket(buckets []Bucket) *Bucket {
	var low *Bucket
	lowFrac := lowShare
	for i := range buckets {
		b := &buckets[i]
		if b.Limit == nil || b.Remaining == nil || *b.Limit <= 0 {
			continue
		}
		if f := float64(*b.Remaining) / float64(*b.Limit); f < lowFrac {
			low, lowFrac = b, f
		}
	}
	return low
}

// waitFor works out how long until a retry can succeed.
func waitFor(d *Diagnosis, ref time.Time) (*int64, *time.Time) {
	at := func(s int64) *time.Time {
		t := ref.Add(time.Duration(s) * time.Second)
		return &t
	}
	switch d.Kind {
	case KindSpendCap:
		resume := nextMonthStart(ref)
		return int64Ptr(ceilSeconds(resume.Sub(ref))), &resume
	case KindRateLimit, KindOverloaded:
		if d.RetryAfterS != nil {
			return d.RetryAfterS, at(*d.RetryAfterS)
		}
		if d.Kind == KindRateLimit {
			if b := bucketFor(d.Buckets, d.Limit); b != nil && b.ResetInS != nil {
				return b.ResetInS, b.Reset
			}
		}
	case KindOther:
		if d.RetryAfterS != nil {
			return d.RetryAfterS, at(*d.RetryAfterS)
		}
	}
	return nil, nil
}

// bucketFor is the bucket that enforces limit l, if reported.
func bucketFor(buckets []Bucket, l Limit) *Bucket {
	for i := range buckets {
		if buckets[i].Measures == l {
			return &buckets[i]
		}
	}
	return nil
}

// missingFor lists what this kind of verdict would have used but was absent.
func missingFor(d *Diagnosis, resp Response, missingBuckets []string) []string {
	out := []string{}
	if resp.Status == 0 {
		out = append(out, "status")
	}
	if d.Kind == KindRateLimit || d.Kind == KindOK || resp.Status == 0 {
		out = append(out, missingBuckets...)
	}
	if d.Kind == KindRateLimit && d.RetryAfterS == nil {
		out = append(out, "retry-after")
	}
	needsRef := d.Kind == KindSpendCap || len(d.Buckets) > 0
	if needsRef && d.ReferenceFrom != RefDateHeader {
		if _, present := resp.Header.Get("date"); !present {
			out = append(out, "date")
		}
	}
	if d.Kind != KindOK && len(strings.TrimSpace(string(resp.Body))) == 0 {
		out = append(out, "body")
	}
	return out
}
