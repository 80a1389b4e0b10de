package proxy

import (
	"net/http"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/planner/statusline"
)

// A developer's status line (`tierplan statusline --proxy URL`) asks the
// proxy what the organisation's per-minute buckets had left at the last
// response that said: the proxy sees every developer's responses, so it
// knows better than any one of them. The answer is counts and times only.

// headroomRecords is how many of the newest records an answer looks
// through for each pool's last reading: enough for minutes of a team's
// calls, few enough to read on every status-line run.
const headroomRecords = 200

// headroomBuckets are the per-minute buckets' header names and the names
// the answer gives them (the diagnose JSON contract's).
var headroomBuckets = []struct{ header, measures string }{
	{"requests", "rpm"}, {"input-tokens", "itpm"}, {"output-tokens", "otpm"}, {"tokens", "tokens"},
}

// serveHeadroom answers GET /tierplan/headroom for a developer with a
// token of the users file, authenticated as API calls are.
func (s *Server) serveHeadroom(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.users.Load().Authenticate(clientToken(r)); !ok {
		s.metrics.unauthorized.Inc()
		writeAPIError(w, http.StatusUnauthorized, "tierplan proxy: invalid or missing token (send your proxy token as ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY)")
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeAPIError(w, http.StatusMethodNotAllowed, "tierplan proxy: use GET for "+statusline.ProxyHeadroomPath)
		return
	}
	// Records still on their way to the store are the newest; the store
	// adds those of earlier calls and of the other instances.
	pending := s.writer.newest(headroomRecords)
	stored, err := s.store.Recent(r.Context(), headroomRecords)
	if err != nil {
		s.headroomReadFailed(err)
		if len(pending) == 0 {
			writeAPIError(w, http.StatusServiceUnavailable, "tierplan proxy: the store cannot be read now")
			return
		}
	}
	writeJSON(w, s.headroom(mergeNewest(pending, stored, headroomRecords)))
}

// headroom is each pool's newest reading among recs (newest first), pools
// in the order of their readings.
func (s *Server) headroom(recs []store.Record) statusline.ProxyHeadroom {
	out := statusline.ProxyHeadroom{SchemaVersion: statusline.ProxyHeadroomSchemaVersion, Readings: []statusline.ProxyReading{}}
	seen := map[string]bool{}
	for _, rec := range recs {
		pool := s.poolOf(rec.Model)
		if seen[pool] {
			continue
		}
		if rd, ok := readingOf(rec, pool); ok {
			seen[pool] = true
			out.Readings = append(out.Readings, rd)
		}
	}
	return out
}

// readingOf is the buckets a record's rate-limit headers reported, at the
// time the response's headers arrived (after any wait in the queue).
func readingOf(rec store.Record, pool string) (statusline.ProxyReading, bool) {
	rep := pacing.ReadHeaders(rec.RateLimit)
	known := []pacing.Reading{rep.Requests, rep.Input, rep.Output, rep.Tokens}
	rd := statusline.ProxyReading{Pool: pool, Model: rec.Model,
		At: rec.Time.Add(time.Duration(rec.QueuedMs+rec.FirstByteMs) * time.Millisecond).UTC()}
	for i, b := range headroomBuckets {
		if !known[i].Known {
			continue
		}
		pb := statusline.ProxyBucket{Measures: b.measures, Limit: known[i].Limit, Remaining: known[i].Remaining}
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(rec.RateLimit[pacing.HeaderPrefix+b.header+"-reset"])); err == nil {
			t = t.UTC()
			pb.Reset = &t
		}
		rd.Buckets = append(rd.Buckets, pb)
	}
	return rd, len(rd.Buckets) > 0
}

// headroomReadFailed says, at most once a minute (status lines ask
// often), that a headroom answer could not read the store.
func (s *Server) headroomReadFailed(err error) {
	now := s.cfg.Now().Unix()
	if last := s.lastHeadroomWarn.Load(); now-last >= 60 && s.lastHeadroomWarn.CompareAndSwap(last, now) {
		s.logf("warning: headroom answered from this instance's unsaved records only, the store cannot be read: %v", err)
	}
}
