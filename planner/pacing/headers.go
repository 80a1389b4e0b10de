package pacing

import (
	"strconv"
	"strings"
)

// Reading is one bucket as a response's headers report it.
type Reading struct {
	Limit, Remaining int64
	// Known is set when both the limit and the remaining count were present
	// and valid.
	Known bool
}

// Unified is one window of the anthropic-ratelimit-unified-* headers that
// subscription (OAuth) traffic carries: a share used rather than a count.
type Unified struct {
	Window      string  // "5h", "7d", "7d_opus", "overage", …
	Utilization float64 // 0–1, may go above 1
}

// Report is what a response says about the organisation's buckets.
type Report struct {
	Requests, Input, Output, Tokens Reading
	Unified                         []Unified // sorted by window name
}

// HeaderPrefix starts every rate-limit header the proxy records.
const HeaderPrefix = "anthropic-ratelimit-"

// ReadHeaders reads the standard per-minute buckets and the unified windows
// from a response's rate-limit headers, given by lower-case name (the proxy
// records them so). A missing, negative or unreadable value leaves its
// bucket unknown: the proxy then keeps what it already knew.
func ReadHeaders(h map[string]string) Report {
	read := func(kind string) Reading {
		l, okL := count(h[HeaderPrefix+kind+"-limit"])
		r, okR := count(h[HeaderPrefix+kind+"-remaining"])
		if !okL || !okR || l == 0 {
			return Reading{}
		}
		return Reading{Limit: l, Remaining: min(r, l), Known: true}
	}
	return Report{
		Requests: read("requests"),
		Input:    read("input-tokens"),
		Output:   read("output-tokens"),
		Tokens:   read("tokens"),
		Unified:  readUnified(h),
	}
}

// readUnified collects the unified windows' utilizations; values that are
// not a number in [0, 100] are skipped.
func readUnified(h map[string]string) []Unified {
	const p = HeaderPrefix + "unified-"
	var out []Unified
	for n, v := range h {
		if !strings.HasPrefix(n, p) || !strings.HasSuffix(n, "-utilization") {
			continue
		}
		w := strings.TrimSuffix(strings.TrimPrefix(n, p), "-utilization")
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if w == "" || err != nil || !(f >= 0 && f <= 100) {
			continue
		}
		out = append(out, Unified{Window: w, Utilization: f})
	}
	sortUnified(out)
	return out
}

func sortUnified(u []Unified) {
	for i := 1; i < len(u); i++ {
		for j := i; j > 0 && u[j].Window < u[j-1].Window; j-- {
			u[j], u[j-1] = u[j-1], u[j]
		}
	}
}

// count reads a non-negative integer header value.
func count(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
