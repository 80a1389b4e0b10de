package proxy

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
)

// admin guards a handler with the admin token; without one configured the
// admin pages are off.
func (s *Server) admin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeAPIError(w, http.StatusMethodNotAllowed, "tierplan proxy: use GET")
			return
		}
		if !adminAuthorized(r, s.cfg.AdminToken) {
			s.metrics.unauthorized.Inc()
			msg := "tierplan proxy: admin token required (Authorization: Bearer $TIERPLAN_PROXY_ADMIN_TOKEN)"
			if s.cfg.AdminToken == "" {
				msg = "tierplan proxy: admin pages are off (start the proxy with TIERPLAN_PROXY_ADMIN_TOKEN set)"
			}
			w.Header().Set("WWW-Authenticate", `Basic realm="tierplan proxy", charset="UTF-8"`)
			writeAPIError(w, http.StatusUnauthorized, msg)
			return
		}
		h(w, r)
	}
}

// Rate-limit log sizes.
const (
	defaultLogLimit = 100
	maxLogLimit     = 10_000
)

// RateLimitLogSchemaVersion versions the JSON of /rate-limit-log.
const RateLimitLogSchemaVersion = 1

// RateLimitLog is the answer of GET /rate-limit-log.
type RateLimitLog struct {
	SchemaVersion int            `json:"schema_version"`
	Records       []store.Record `json:"records"`
}

// serveRateLimitLog returns the newest records as JSON, newest first.
func (s *Server) serveRateLimitLog(w http.ResponseWriter, r *http.Request) {
	limit := defaultLogLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLogLimit {
			writeAPIError(w, http.StatusBadRequest, "tierplan proxy: limit must be a whole number from 1 to "+strconv.Itoa(maxLogLimit))
			return
		}
		limit = n
	}
	// Records still on their way to the store come first: they are newer.
	pending := s.writer.newest(limit)
	recs, err := s.store.Recent(r.Context(), limit)
	if err != nil {
		s.logf("warning: rate-limit log: %v", err)
		writeAPIError(w, http.StatusServiceUnavailable, "tierplan proxy: the store cannot be read now")
		return
	}
	recs = mergeNewest(pending, recs, limit)
	if recs == nil {
		recs = []store.Record{}
	}
	writeJSON(w, RateLimitLog{SchemaVersion: RateLimitLogSchemaVersion, Records: recs})
}

// mergeNewest merges records not yet stored with stored ones (a record in
// both counts once), newest first, up to limit.
func mergeNewest(pending, stored []store.Record, limit int) []store.Record {
	seen := map[string]bool{}
	var out []store.Record
	for _, r := range append(pending, stored...) {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out[:min(len(out), limit)]
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		writeAPIError(w, http.StatusInternalServerError, "tierplan proxy: "+err.Error())
		return
	}
	w.Header().Set("content-type", "application/json")
	w.Header().Set("cache-control", "no-store")
	_, _ = w.Write(append(b, '\n'))
}
