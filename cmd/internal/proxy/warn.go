package proxy

import (
	"fmt"
	"sync"
	"time"

	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// Warning is a bucket that fell below the warning level, as a user's call
// found it.
type Warning struct {
	Time   time.Time `json:"time"`
	User   string    `json:"user"`
	Pool   string    `json:"pool"`
	Bucket string    `json:"bucket"`
	Share  float64   `json:"share_left"`
	Text   string    `json:"text"`
}

func (w Warning) String() string { return w.Text }

// keepWarnings is how many recent warnings the dashboard can show.
const keepWarnings = 200

// warnings says once per user and bucket when the bucket drops below the
// level, and again only after it has recovered above it.
type warnings struct {
	below float64
	mu    sync.Mutex
	low   map[string]bool // user, pool, bucket → below now
	ring  []Warning
}

func newWarnings(below float64) *warnings {
	return &warnings{below: below, low: map[string]bool{}}
}

// check returns the new warnings a response's headers give.
func (w *warnings) check(user, pool string, rep pacing.Report, now time.Time) []Warning {
	lows := pacing.Low(rep, w.below)
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := map[string]bool{}
	var out []Warning
	for _, l := range lows {
		key := user + "\x00" + pool + "\x00" + l.Bucket
		seen[key] = true
		if w.low[key] {
			continue
		}
		w.low[key] = true
		text := fmt.Sprintf("%s: the %s bucket of %s is at %.1f%%", user, l.Bucket, pool, l.Share*100)
		if l.Limit > 0 {
			text += fmt.Sprintf(" (%s of %s left)", tiers.GroupDigits(l.Remaining), tiers.GroupDigits(l.Limit))
		}
		wn := Warning{Time: now.UTC(), User: user, Pool: pool, Bucket: l.Bucket, Share: l.Share, Text: text}
		out = append(out, wn)
		w.ring = append(w.ring, wn)
		if len(w.ring) > keepWarnings {
			w.ring = w.ring[len(w.ring)-keepWarnings:]
		}
	}
	// A bucket the headers report above the level again may warn anew.
	for _, b := range []struct {
		name string
		r    pacing.Reading
	}{{"requests", rep.Requests}, {"input-tokens", rep.Input}, {"output-tokens", rep.Output}, {"tokens", rep.Tokens}} {
		key := user + "\x00" + pool + "\x00" + b.name
		if b.r.Known && !seen[key] {
			delete(w.low, key)
		}
	}
	for _, u := range rep.Unified {
		key := user + "\x00" + pool + "\x00unified-" + u.Window
		if !seen[key] {
			delete(w.low, key)
		}
	}
	return out
}

// recent returns the warnings kept, newest first.
func (w *warnings) recent() []Warning {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Warning, len(w.ring))
	for i, x := range w.ring {
		out[len(w.ring)-1-i] = x
	}
	return out
}
