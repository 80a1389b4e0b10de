package statusline

import (
	"strings"
	"testing"
)

// A probe --log file: a reading with three buckets, a failed poll, and a
// line cut short.
const probeLog = `{"schema_version":2,"time":"2026-12-07T11:30:00Z","buckets":[{"measures":"rpm","limit":50,"remaining":49},{"measures":"itpm","limit":30000,"remaining":6000},{"measures":"otpm","limit":8000,"remaining":7000},{"measures":"tokens","limit":30000,"remaining":100}]}
{"schema_version":2,"time":"2026-12-07T11:40:00Z","buckets":[{"measures":"rpm","limit":50,"remaining":20},{"measures":"itpm","limit":30000,"remaining":24000},{"measures":"otpm","limit":8000,"remaining":7600}]}
{"schema_version":2,"time":"2026-12-07T11:41:00Z","error":"connection refused","error_kind":"network"}
{"schema_version":2,"time":"2026-12-07T11:42:00Z","buck`

func TestLatestHeadroom(t *testing.T) {
	h, ok := LatestHeadroom([]byte(probeLog))
	// The last reading with buckets is 11:40's: rpm 20 of 50 (40%) is
	// tighter than itpm 80% and otpm 95%.
	if !ok || h.Measure != "rpm" || h.Remaining != 20 || h.Limit != 50 || h.Left() != 0.4 || h.At.Format("15:04") != "11:40" {
		t.Fatalf("LatestHeadroom = %+v, %v", h, ok)
	}
	// The combined tokens bucket counts only when it is the only one.
	h, ok = LatestHeadroom([]byte(strings.Split(probeLog, "\n")[0]))
	if !ok || h.Measure != "itpm" || h.Left() != 0.2 {
		t.Fatalf("first reading: %+v", h)
	}
	h, ok = LatestHeadroom([]byte(`{"time":"2026-12-07T11:40:00Z","buckets":[{"measures":"tokens","limit":100,"remaining":5}]}`))
	if !ok || h.Measure != "tokens" {
		t.Fatalf("tokens only: %+v", h)
	}
	for _, bad := range []string{"", "\n\n", "garbage", `{"time":"2026-12-07T11:40:00Z","buckets":[{"measures":"rpm","limit":0,"remaining":0}]}`,
		`{"buckets":[{"measures":"rpm","limit":50,"remaining":20}]}`, `{"time":"2026-12-07T11:40:00Z","buckets":[{"measures":"rpm","limit":50,"remaining":90}]}`} {
		if h, ok := LatestHeadroom([]byte(bad)); ok {
			t.Errorf("%q read as %+v", bad, h)
		}
	}
}

func FuzzLatestHeadroom(f *testing.F) {
	f.Add([]byte(probeLog))
	f.Add([]byte(`{"time":"2026-12-07T11:40:00Z","buckets":[{"measures":"tokens","limit":100,"remaining":5}]}` + "\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if h, ok := LatestHeadroom(b); ok && (h.Limit <= 0 || h.Remaining < 0 || h.Left() > 1 || h.At.IsZero()) {
			t.Fatalf("impossible headroom %+v", h)
		}
	})
}
