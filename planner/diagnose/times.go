package diagnose

import (
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// Where the reference time came from.
const (
	RefDateHeader = "date header"
	RefNow        = "now"
)

// The range of instants a report can carry: JSON and YAML write years
// 0001-9999 only (time.Time's MarshalJSON fails outside [0,9999]), and a
// year outside it in a response is a broken header, not a real date.
var (
	minTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// inRange reports whether t can be reported.
func inRange(t time.Time) bool { return !t.Before(minTime) && !t.After(maxTime) }

// referenceTime is the response's Date header when readable (reset times are
// relative to when the server answered), else now, to the second like a Date
// header.
func referenceTime(h paste.Header, now time.Time, n *notes) (time.Time, string) {
	if v, ok := h.Get("date"); ok {
		t, err := http.ParseTime(v)
		switch {
		case err != nil:
			n.add("header date: %s is not an HTTP date; times are relative to now instead", quote(v))
		case !inRange(t):
			n.add("header date: %s is outside years 1-9999; times are relative to now instead", quote(v))
		default:
			return t.UTC(), RefDateHeader
		}
	}
	now = now.UTC().Truncate(time.Second)
	if !inRange(now) {
		now = maxTime
	}
	return now, RefNow
}

// The numbers the headers carry. Compiled on first use, not at package
// init: every command links this package, and only a diagnosis reads these.
var (
	// RFC 9110 delay-seconds, with a decimal fraction some servers send.
	// Nothing else: no sign, exponent, hex, underscores, Inf or NaN.
	reSeconds = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,12}(?:\.[0-9]{1,9})?$`) })
	// A plain decimal: a utilization, a fraction of a window.
	reDecimal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,12}(?:\.[0-9]{1,12})?$`) })
	// A Unix time in seconds, as the unified headers give resets.
	reUnix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,12}(?:\.[0-9]{1,9})?$`) })
)

// maxRetryAfter bounds retry-after seconds to what a report can show (about
// 31 years); a larger value is a broken header.
const maxRetryAfter = 1e9

// parseRetryAfter reads retry-after as delay-seconds (fractions rounded up)
// or an HTTP date relative to ref, and, lacking it, OpenAI's retry-after-ms.
func parseRetryAfter(h paste.Header, ref time.Time, n *notes) *int64 {
	v, ok := h.Get("retry-after")
	if !ok {
		if ms, ok := h.Get("retry-after-ms"); ok && reSeconds().MatchString(strings.TrimSpace(ms)) {
			f, _ := strconv.ParseFloat(strings.TrimSpace(ms), 64)
			return int64Ptr(int64(math.Ceil(f / 1000)))
		}
		return nil
	}
	v = strings.TrimSpace(v)
	if reSeconds().MatchString(v) {
		f, _ := strconv.ParseFloat(v, 64)
		if f <= maxRetryAfter {
			return int64Ptr(int64(math.Ceil(f)))
		}
		n.add("header retry-after: %s seconds is too large to be real; ignored", quote(v))
		return nil
	}
	if t, err := http.ParseTime(v); err == nil && inRange(t) {
		return int64Ptr(ceilSeconds(t.Sub(ref)))
	}
	n.add("header retry-after: %s is neither seconds nor an HTTP date; ignored", quote(v))
	return nil
}

// parseUnix reads a Unix time in seconds.
func parseUnix(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if !reUnix().MatchString(s) {
		return time.Time{}, false
	}
	f, _ := strconv.ParseFloat(s, 64)
	sec := math.Floor(f)
	t := time.Unix(int64(sec), int64((f-sec)*1e9)).UTC()
	return t, inRange(t)
}

// parseDecimal reads a plain non-negative decimal.
func parseDecimal(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !reDecimal().MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// reDuration is the duration syntax OpenAI's x-ratelimit-reset-* and the
// vendors' "try again in …" use: 1s, 6m0s, 12ms, 1h2m3.5s, 38.012s. It is
// compiled on first use, as the expressions above are.
var reDuration = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[0-9]{1,6}h)?(?:[0-9]{1,6}m)?(?:[0-9]{1,9}(?:\.[0-9]{1,9})?s)?$|^[0-9]{1,9}(?:\.[0-9]{1,9})?ms$`)
})

// parseDuration reads such a duration.
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" || !reDuration().MatchString(s) {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d >= 0
}

// ceilSeconds rounds a duration up to whole seconds, and a past instant to 0.
func ceilSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(math.Ceil(d.Seconds()))
}

// after is ref plus s seconds, if that is a reportable instant.
func after(ref time.Time, s int64) (time.Time, bool) {
	if s < 0 || s > maxRetryAfter {
		return time.Time{}, false
	}
	t := ref.Add(time.Duration(s) * time.Second)
	return t, inRange(t)
}

// nextMonthStart is 00:00 UTC on the 1st of the month after t, when a tier's
// monthly spend cap resets. time.Date normalises month 13 to January of the
// next year.
func nextMonthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

// nextMidnight is the first 00:00 in loc after t: when a quota counted per
// calendar day in that zone resets.
func nextMidnight(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc).UTC()
}
