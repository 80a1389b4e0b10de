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

// classify maps the status (or, without one, the body's error type) to a
// kind. The spend-cap 429 and the user-set spend limit 400 are told apart by
// their body, since their status codes are shared with ordinary errors.
func classify(status int, eb ErrorBody, buckets []Bucket, retryAfter *int64, notes *[]string) Kind {
	spendMsg := isSpendLimitMessage(eb.Message)
	if status == 0 {
		return classifyWithoutStatus(eb, buckets, retryAfter, notes)
	}
	kind := KindOther
	switch {
	case status >= 200 && status < 300:
		kind = KindOK
	case status == 429 && eb.Code == SpendCapCode:
		kind = KindSpendCap
	case status == 429 && spendMsg:
		kind = KindSpendLimit // the Claude Code workspace answers a spend limit with 429
	case status == 429:
		kind = KindRateLimit
	case status == 529:
		kind = KindOverloaded
	case status == 400 && spendMsg:
		kind = KindSpendLimit
	case status == 400:
		kind = KindInvalidRequest
	case status == 401, status == 403:
		kind = KindAuth
	case status == 413:
		kind = KindTooLarge
	}
	if want, ok := expectedType[status]; ok && eb.Type != "" && eb.Type != want {
		*notes = append(*notes, fmt.Sprintf("status %d usually carries %s, but the body says %s", status, want, eb.Type))
	}
	return kind
}

// expectedType is the error type the API documents for each status.
var expectedType = map[int]string{
	400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
	403: "permission_error", 404: "not_found_error", 413: "request_too_large",
	429: "rate_limit_error", 500: "api_error", 529: "overloaded_error",
}

// classifyWithoutStatus guesses from the body's error type, then from the
// headers; it notes that the status was missing.
func classifyWithoutStatus(eb ErrorBody, buckets []Bucket, retryAfter *int64, notes *[]string) Kind {
	switch eb.Type {
	case "rate_limit_error":
		if eb.Code == SpendCapCode {
			return KindSpendCap
		}
		return KindRateLimit
	case "overloaded_error":
		return KindOverloaded
	case "authentication_error", "permission_error":
		return KindAuth
	case "invalid_request_error":
		if isSpendLimitMessage(eb.Message) {
			return KindSpendLimit
		}
		return KindInvalidRequest
	case "request_too_large":
		return KindTooLarge
	case "":
	default:
		return KindOther
	}
	for _, b := range buckets {
		if b.Empty {
			*notes = append(*notes, "no status code: guessed a rate limit from the empty "+b.Name+" bucket")
			return KindRateLimit
		}
	}
	if retryAfter != nil {
		*notes = append(*notes, "no status code: guessed a rate limit from the retry-after header")
		return KindRateLimit
	}
	return KindOther
}

// retryable says whether trying the same request again later can succeed.
func retryable(k Kind, status int) *bool {
	switch k {
	case KindOK:
		return nil
	case KindRateLimit, KindOverloaded:
		return boolPtr(true)
	case KindOther:
		return boolPtr(status == 0 || status == 408 || status == 409 || status >= 500)
	}
	return boolPtr(false)
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
