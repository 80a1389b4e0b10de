package statusline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The team proxy (`tierplan proxy`) sees every response's rate-limit
// headers of the organisation it forwards for. A developer's status line
// asks it for the last of them at ProxyHeadroomPath, with the developer's
// own proxy token, and shows the same headroom segment a `probe --log`
// file gives. The proxy writes ProxyHeadroom; ParseProxyHeadroom reads it.

// ProxyHeadroomPath is where the proxy answers, below its base URL (what
// developers set as ANTHROPIC_BASE_URL). It is outside the API's /v1/.
const ProxyHeadroomPath = "/tierplan/headroom"

// ProxyHeadroomSchemaVersion versions the answer's JSON. A reader refuses a
// newer version rather than guess at what changed.
const ProxyHeadroomSchemaVersion = 1

// ProxyHeadroom is the proxy's answer: per model pool of the tier table,
// the per-minute buckets of the newest response that reported them. It
// holds counts and times only: no token, no user, no request.
type ProxyHeadroom struct {
	SchemaVersion int            `json:"schema_version"`
	Readings      []ProxyReading `json:"readings"`
}

// ProxyReading is the buckets one response reported.
type ProxyReading struct {
	// Pool is the tier table's rate-limit pool of Model ("unknown" when the
	// proxy's table does not know the model): the API keeps separate
	// buckets per pool, so one pool's headroom says nothing of another's.
	Pool  string `json:"pool"`
	Model string `json:"model,omitempty"`
	// At is when the response's headers arrived at the proxy.
	At      time.Time     `json:"at"`
	Buckets []ProxyBucket `json:"buckets"`
}

// ProxyBucket is one per-minute bucket: Measures is rpm, itpm, otpm or
// tokens (the diagnose JSON contract's names); Reset is when the API said
// it would be full again, when it said.
type ProxyBucket struct {
	Measures  string     `json:"measures"`
	Limit     int64      `json:"limit"`
	Remaining int64      `json:"remaining"`
	Reset     *time.Time `json:"reset,omitempty"`
}

// proxyAnswer is ProxyHeadroom as read: a count that is absent stays nil,
// never a silent zero.
type proxyAnswer struct {
	SchemaVersion *int `json:"schema_version"`
	Readings      []struct {
		Pool    string    `json:"pool"`
		Model   string    `json:"model"`
		At      time.Time `json:"at"`
		Buckets []bucket  `json:"buckets"`
	} `json:"readings"`
}

// ParseProxyHeadroom reads the proxy's answer and returns the tightest
// bucket of the reading that speaks for the session: the one of its model,
// else of its pool (pool may be "" when unknown). Only when the session's
// pool is unknown does the newest reading stand in: another pool's buckets
// say nothing of a known pool's, so then the answer is an error saying
// the proxy has no reading for it. A reading without a time or without a
// usable bucket is passed over; an answer with none left is an error.
func ParseProxyHeadroom(b []byte, model, pool string) (Headroom, error) {
	var a proxyAnswer
	if err := json.Unmarshal(bytes.TrimSpace(b), &a); err != nil {
		return Headroom{}, fmt.Errorf("not the proxy's headroom JSON: %w", err)
	}
	switch {
	case a.SchemaVersion == nil:
		return Headroom{}, errors.New("no schema_version: not the proxy's headroom JSON")
	case *a.SchemaVersion < 1 || *a.SchemaVersion > ProxyHeadroomSchemaVersion:
		return Headroom{}, fmt.Errorf("schema_version %d: this tierplan reads version %d (update tierplan or the proxy)", *a.SchemaVersion, ProxyHeadroomSchemaVersion)
	}
	var best Headroom
	rank := -1 // 0 newest, 1 same pool, 2 same model
	for _, r := range a.Readings {
		if r.At.IsZero() {
			continue
		}
		h, ok := tightestOf(r.At, r.Buckets)
		if !ok {
			continue
		}
		k := 0
		switch {
		case model != "" && r.Model == model:
			k = 2
		case pool != "" && r.Pool == pool:
			k = 1
		}
		if k > rank || k == rank && h.At.After(best.At) {
			best, rank = h, k
		}
	}
	if rank < 0 {
		return Headroom{}, errors.New("the proxy has no rate-limit reading yet (no response with rate-limit headers among its recent records)")
	}
	if rank == 0 && pool != "" {
		return Headroom{}, fmt.Errorf("the proxy has no reading for pool %s among its recent records (only for other pools)", pool)
	}
	return best, nil
}
