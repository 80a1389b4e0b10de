package statusline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func readProxyFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "proxy", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseProxyHeadroomChoosesTheSessionsReading(t *testing.T) {
	b := readProxyFixture(t, "headroom.json")
	for _, c := range []struct {
		name, model, pool string
		want              string // measure remaining/limit at
	}{
		// The session's own model: sonnet's itpm 700000 of 2000000 (35%)
		// is tighter than rpm 91% and otpm 95%; the combined tokens bucket
		// (29%) only repeats the others and does not count.
		{"same model", "claude-sonnet-4-5-20250929", "", "itpm 700000/2000000 11:58:30"},
		// Another sonnet model: the same pool's buckets.
		{"same pool", "claude-sonnet-4-6", "sonnet-4", "itpm 700000/2000000 11:58:30"},
		// Neither known: the newest reading, haiku's rpm 10 of 50 (20%).
		{"unknown model", "claude-opus-9", "", "rpm 10/50 11:59:10"},
		{"no model", "", "", "rpm 10/50 11:59:10"},
	} {
		h, err := ParseProxyHeadroom(b, c.model, c.pool)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := h.Measure + " " + itoa(h.Remaining) + "/" + itoa(h.Limit) + " " + h.At.UTC().Format("15:04:05")
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// A known pool the proxy has no reading for: nothing, rather than
	// another pool's buckets.
	if h, err := ParseProxyHeadroom(b, "claude-opus-5", "opus-5"); err == nil || !strings.Contains(err.Error(), "no reading for pool opus-5") {
		t.Errorf("a pool without a reading: %+v, %v", h, err)
	}
	h, _ := ParseProxyHeadroom(b, "claude-sonnet-4-5-20250929", "")
	if h.Left() != 0.35 {
		t.Errorf("left %v, want 0.35", h.Left())
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestProxyHeadroomRoundTrip keeps the proxy's writer (ProxyHeadroom) and
// this reader in step: what one writes, the other reads.
func TestProxyHeadroomRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 7, 11, 58, 30, 0, time.UTC)
	reset := at.Add(20 * time.Second)
	b, err := json.Marshal(ProxyHeadroom{SchemaVersion: ProxyHeadroomSchemaVersion, Readings: []ProxyReading{{
		Pool: "sonnet-4", Model: "m", At: at,
		Buckets: []ProxyBucket{{Measures: "otpm", Limit: 8000, Remaining: 2000, Reset: &reset}, {Measures: "rpm", Limit: 50, Remaining: 40}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseProxyHeadroom(b, "m", "")
	if err != nil || h.Measure != "otpm" || h.Remaining != 2000 || h.Limit != 8000 || !h.At.Equal(at) {
		t.Fatalf("round trip of %s: %+v, %v", b, h, err)
	}
}

func TestParseProxyHeadroomBadInputs(t *testing.T) {
	const at = `"at":"2026-12-07T11:58:30Z"`
	for _, c := range []struct{ in, want string }{
		{``, "not the proxy's headroom JSON"},
		{`garbage`, "not the proxy's headroom JSON"},
		{`[]`, "not the proxy's headroom JSON"},
		{`{"schema_version":1,"readings":[]} trailing`, "not the proxy's headroom JSON"},
		{`{"readings":[]}`, "no schema_version"},
		{`{"schema_version":2,"readings":[]}`, "schema_version 2: this tierplan reads version 1"},
		{`{"schema_version":0}`, "schema_version 0"},
		{`{"schema_version":"1"}`, "not the proxy's headroom JSON"},
		{`{"type":"error","error":{"type":"authentication_error","message":"x"}}`, "no schema_version"},
		{string(readProxyFixture(t, "empty.json")), "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":null}`, "no rate-limit reading yet"},
		// No time, no limit, no remaining, a zero limit, more left than the
		// limit, a negative count: no usable reading.
		{`{"schema_version":1,"readings":[{"buckets":[{"measures":"rpm","limit":50,"remaining":20}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","remaining":20}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","limit":50}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","limit":0,"remaining":0}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","limit":50,"remaining":51}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","limit":50,"remaining":-1}]}]}`, "no rate-limit reading yet"},
		{`{"schema_version":1,"readings":[{` + at + `,"buckets":[{"measures":"rpm","limit":1e99,"remaining":1}]}]}`, "not the proxy's headroom JSON"},
		{`{"schema_version":1,"readings":[{"at":"yesterday","buckets":[]}]}`, "not the proxy's headroom JSON"},
	} {
		h, err := ParseProxyHeadroom([]byte(c.in), "", "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %+v, %v; want an error with %q", c.in, h, err, c.want)
		}
	}
}

func FuzzParseProxyHeadroom(f *testing.F) {
	for _, name := range []string{"headroom.json", "empty.json"} {
		f.Add(readProxyFixture(f, name), "claude-sonnet-4-5-20250929", "sonnet-4")
	}
	f.Add([]byte(`{"schema_version":1,"readings":[{"at":"2026-12-07T11:58:30Z","buckets":[{"measures":"tokens","limit":9,"remaining":9}]}]}`), "", "")
	f.Fuzz(func(t *testing.T, b []byte, model, pool string) {
		h, err := ParseProxyHeadroom(b, model, pool)
		if err == nil && (h.Limit <= 0 || h.Remaining < 0 || h.Left() > 1 || h.At.IsZero()) {
			t.Fatalf("impossible headroom %+v", h)
		}
	})
}
