package diagnose

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Bucket is one anthropic-ratelimit-* token bucket as the headers report it.
// Pointers are nil where the header was missing or unreadable.
type Bucket struct {
	// Name is the header infix: requests, input-tokens, output-tokens, tokens.
	Name string `json:"name"`
	// Measures is the limit the bucket enforces: rpm, itpm, otpm or tokens.
	Measures  Limit      `json:"measures"`
	Limit     *int64     `json:"limit"`
	Remaining *int64     `json:"remaining"`
	Reset     *time.Time `json:"reset"`
	// ResetInS is whole seconds from the reference time until the bucket is
	// full again, rounded up (a wait shorter than that fails); 0 once past.
	ResetInS *int64 `json:"reset_in_s"`
	Empty    bool   `json:"empty"`
}

// bucketKinds lists the buckets in report order, specific before the
// combined "tokens" bucket (which repeats the most restrictive one).
var bucketKinds = []struct {
	name     string
	measures Limit
}{
	{"requests", LimitRPM},
	{"input-tokens", LimitITPM},
	{"output-tokens", LimitOTPM},
	{"tokens", LimitTokens},
}

const ratelimitPrefix = "anthropic-ratelimit-"

// readBuckets reads every bucket that has at least one header, and lists the
// headers that are missing (a whole bucket as "…-requests-*").
func readBuckets(h Header, ref time.Time, notes *[]string) (buckets []Bucket, missing []string) {
	for _, k := range bucketKinds {
		base := ratelimitPrefix + k.name + "-"
		b := Bucket{Name: k.name, Measures: k.measures}
		var absent []string
		seen := false
		for _, field := range []string{"limit", "remaining", "reset"} {
			v, ok := h.Get(base + field)
			if !ok {
				absent = append(absent, base+field)
				continue
			}
			seen = true
			switch field {
			case "limit":
				b.Limit = parseCount(base+field, v, notes)
			case "remaining":
				b.Remaining = parseCount(base+field, v, notes)
			case "reset":
				if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
					t = t.UTC()
					b.Reset = &t
					in := ceilSeconds(t.Sub(ref))
					b.ResetInS = &in
				} else {
					*notes = append(*notes, "header "+base+field+": "+quoteShort(v)+" is not an RFC 3339 time; ignored")
				}
			}
		}
		if !seen {
			missing = append(missing, base+"*")
			continue
		}
		missing = append(missing, absent...)
		b.Empty = b.Remaining != nil && *b.Remaining == 0
		buckets = append(buckets, b)
	}
	return buckets, missing
}

// parseCount reads a non-negative whole number; anything else is noted and
// treated as missing.
func parseCount(name, v string, notes *[]string) *int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		*notes = append(*notes, "header "+name+": "+quoteShort(v)+" is not a whole number; ignored")
		return nil
	}
	return &n
}

// ceilSeconds rounds a duration up to whole seconds, and a past instant to 0.
func ceilSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(math.Ceil(d.Seconds()))
}

// referenceTime is the response's Date header when readable (reset times are
// relative to when the server answered), else now, to the second like a Date
// header.
func referenceTime(h Header, now time.Time, notes *[]string) (time.Time, string) {
	if v, ok := h.Get("date"); ok {
		if t, err := http.ParseTime(v); err == nil {
			return t.UTC(), RefDateHeader
		}
		*notes = append(*notes, "header date: "+quoteShort(v)+" is not an HTTP date; times are relative to now instead")
	}
	return now.UTC().Truncate(time.Second), RefNow
}

// Where the reference time came from.
const (
	RefDateHeader = "date header"
	RefNow        = "now"
)

// parseRetryAfter reads retry-after as delay-seconds (fractions rounded up)
// or as an HTTP date, relative to ref.
func parseRetryAfter(h Header, ref time.Time, notes *[]string) *int64 {
	v, ok := h.Get("retry-after")
	if !ok {
		return nil
	}
	v = strings.TrimSpace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < 1e9 {
		s := int64(math.Ceil(f))
		return &s
	}
	if t, err := http.ParseTime(v); err == nil {
		s := ceilSeconds(t.Sub(ref))
		return &s
	}
	*notes = append(*notes, "header retry-after: "+quoteShort(v)+" is neither seconds nor an HTTP date; ignored")
	return nil
}

// nextMonthStart is 00:00 UTC on the 1st of the month after t, when a tier's
// monthly spend cap resets. time.Date normalises month 13 to January of the
// next year.
func nextMonthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}
