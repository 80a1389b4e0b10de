package statusline

import (
	"bytes"
	"encoding/json"
	"time"
)

// Headroom is what was left of the tightest per-minute bucket in the last
// recorded response headers (a `tierplan probe --log` file, or the team
// proxy's last reading): for API-key users, the limit that binds first.
type Headroom struct {
	At time.Time
	// Measure is the bucket's limit: rpm, itpm, otpm (or tokens when no
	// other bucket was read).
	Measure          string
	Remaining, Limit int64
}

// Left is the share of the bucket left, 0 to 1.
func (h Headroom) Left() float64 { return float64(h.Remaining) / float64(h.Limit) }

// headerReading is what LatestHeadroom reads of one line: a probe
// reading's time and buckets (the diagnose JSON contract).
type headerReading struct {
	Time    time.Time `json:"time"`
	Buckets []bucket  `json:"buckets"`
}

// LatestHeadroom finds, from the end of a log of readings (JSON lines),
// the last reading with a time and at least one bucket with a limit and
// what remained of it, and returns its tightest bucket. Lines that are not
// such readings (a poll that failed, a line cut short) are passed over.
func LatestHeadroom(log []byte) (Headroom, bool) {
	for len(log) > 0 {
		line := log
		if i := bytes.LastIndexByte(bytes.TrimRight(log, "\n"), '\n'); i >= 0 {
			line, log = log[i+1:], log[:i]
		} else {
			log = nil
		}
		var r headerReading
		if json.Unmarshal(bytes.TrimSpace(line), &r) != nil || r.Time.IsZero() {
			continue
		}
		if h, ok := tightestOf(r.Time, r.Buckets); ok {
			return h, true
		}
	}
	return Headroom{}, false
}

// bucket is one per-minute bucket as a reading reports it (a probe log's
// line and the proxy's answer name them alike); a nil count was absent.
type bucket struct {
	Measures  string `json:"measures"`
	Limit     *int64 `json:"limit"`
	Remaining *int64 `json:"remaining"`
}

// tightestOf is the bucket of a reading taken at at with the least share
// left; the combined tokens bucket only when there is no other (it repeats
// the tightest). Buckets without a positive limit and a remaining count
// within it are passed over.
func tightestOf(at time.Time, buckets []bucket) (Headroom, bool) {
	var best Headroom
	found := false
	for _, pass := range []bool{false, true} {
		for _, b := range buckets {
			if (b.Measures == "tokens") != pass || b.Limit == nil || b.Remaining == nil || *b.Limit <= 0 || *b.Remaining < 0 || *b.Remaining > *b.Limit {
				continue
			}
			h := Headroom{At: at, Measure: b.Measures, Remaining: *b.Remaining, Limit: *b.Limit}
			if !found || h.Left() < best.Left() {
				best, found = h, true
			}
		}
		if found {
			return best, true
		}
	}
	return best, false
}
