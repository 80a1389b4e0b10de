package statusline

import (
	"os"
	"time"

	"github.com/tierplan/tierplan/planner/statusline"
)

// The headroom of the per-minute buckets, for API-key users, comes from
// response headers recorded elsewhere: `tierplan probe --watch --log FILE`
// appends a reading a poll (--headers), and the team proxy keeps every
// response's (--proxy, in proxy.go). The newer reading is shown.

// headersTail is how much of a --headers file's end is read: many readings.
const headersTail = 64 << 10

// headersFresh is how old a reading may be and still be shown: a bucket
// refills within a minute, so an older reading says little.
const headersFresh = time.Hour

// headroom is the tightest bucket of the last reading in --headers, when
// it is recent; nil otherwise (and --debug says why).
func (r *run) headroom() *statusline.Headroom {
	path := r.opts.Headers
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		r.debug("headers: %v", err)
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		r.debug("headers: %v", err)
		return nil
	}
	from := max(fi.Size()-headersTail, 0)
	b := make([]byte, fi.Size()-from)
	if _, err := f.ReadAt(b, from); err != nil {
		r.debug("headers %s: %v", path, err)
		return nil
	}
	h, ok := statusline.LatestHeadroom(b)
	if !ok {
		r.debug("headers %s: no reading with buckets in its last %d bytes", path, len(b))
		return nil
	}
	return r.fresh(h, "headers "+path)
}

// fresh is h when it was read within the hour (and not from the future);
// nil otherwise, and --debug names its source.
func (r *run) fresh(h statusline.Headroom, source string) *statusline.Headroom {
	if r.now.Sub(h.At) > headersFresh || h.At.After(r.now.Add(time.Minute)) {
		r.debug("%s: the last reading is of %s, not within an hour", source, h.At.UTC().Format(time.RFC3339))
		return nil
	}
	return &h
}

// newer is the newer of two readings, either of which may be nil.
func newer(a, b *statusline.Headroom) *statusline.Headroom {
	if a == nil || b != nil && b.At.After(a.At) {
		return b
	}
	return a
}
