package transcript

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const goodLine = `{"isSidechain":false,"cwd":"/w","sessionId":"s1","message":{"id":"msg_1","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":6,"cache_creation_input_tokens":2140,"cache_read_input_tokens":18452,"cache_creation":{"ephemeral_5m_input_tokens":140,"ephemeral_1h_input_tokens":2000},"output_tokens":187,"server_tool_use":{"web_search_requests":2}}},"requestId":"req_1","type":"assistant","timestamp":"2025-11-04T09:12:09.882Z"}`

func TestParseLineReadsUsage(t *testing.T) {
	pl, err := NewParser().Parse([]byte(goodLine))
	if err != nil {
		t.Fatal(err)
	}
	e := pl.Call
	if pl.Kind != Usage || e.Input != 6 || e.Output != 187 || e.CacheWrite5m != 140 || e.CacheWrite1h != 2000 || e.CacheRead != 18452 || e.WebSearches != 2 {
		t.Fatalf("got kind %d call %+v", pl.Kind, e)
	}
	if e.SessionID != "s1" || e.Project != "/w" || e.Model != "claude-sonnet-4-5-20250929" || !e.HasMsg || e.MsgID != HashID([]byte("msg_1")) || e.ReqID != HashID([]byte("req_1")) {
		t.Fatalf("envelope %+v", e)
	}
	if !e.Time.Equal(time.Date(2025, 11, 4, 9, 12, 9, 882e6, time.UTC)) {
		t.Fatalf("time %v", e.Time)
	}
}

func TestParseLineSpacedJSON(t *testing.T) {
	spaced := strings.NewReplacer(`":`, `" : `, `,"`, `, "`).Replace(goodLine)
	if !MayCarryUsage([]byte(spaced)) {
		t.Fatal("prefilter rejected spaced JSON")
	}
	pl, err := NewParser().Parse([]byte(spaced))
	if err != nil || total(pl.Call) != 6+187+140+2000+18452 {
		t.Fatalf("spaced: %v %+v", err, pl.Call)
	}
}

func TestParseLineWithoutBreakdownIs5m(t *testing.T) {
	line := `{"timestamp":"2025-11-04T09:00:00Z","message":{"id":"m","model":"x","usage":{"input_tokens":1,"cache_creation_input_tokens":900,"output_tokens":2}}}`
	pl, err := NewParser().Parse([]byte(line))
	if err != nil || pl.Call.CacheWrite5m != 900 || pl.Call.CacheWrite1h != 0 {
		t.Fatalf("%v %+v", err, pl.Call)
	}
}

func TestParseLineKinds(t *testing.T) {
	cases := []struct {
		name string
		line string
		kind Kind
	}{
		{"user prompt", `{"type":"user","message":{"role":"user","content":"hi"},"timestamp":"2025-11-04T09:00:00Z"}`, Other},
		{"tool result with a subagent's usage", `{"type":"user","message":{"role":"user","content":[]},"toolUseResult":{"usage":{"input_tokens":5}},"timestamp":"2025-11-04T09:00:00Z"}`, Other},
		{"usage on a user line", `{"type":"user","message":{"usage":{"input_tokens":5}},"timestamp":"2025-11-04T09:00:00Z"}`, Other},
		{"null usage", `{"type":"assistant","message":{"usage":null},"timestamp":"2025-11-04T09:00:00Z"}`, Other},
		{"summary", `{"type":"summary","summary":"usage","leafUuid":"x"}`, Other},
		{"529 error", `{"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-11-04T09:00:00Z","message":{"model":"<synthetic>","content":[{"type":"text","text":"API Error: 529 overloaded"}],"usage":{"input_tokens":0}}}`, APIError},
		{"synthetic without flag", `{"type":"assistant","timestamp":"2025-11-04T09:00:00Z","message":{"model":"<synthetic>","content":"No response requested.","usage":{"input_tokens":0}}}`, APIError},
		{"old limit", `{"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-11-04T09:00:00Z","message":{"model":"<synthetic>","content":[{"type":"text","text":"Claude AI usage limit reached|1762297200"}]}}`, Limit},
		{"rate_limit error field", `{"type":"assistant","isApiErrorMessage":true,"error":"rate_limit","timestamp":"2025-11-04T09:00:00Z","message":{"model":"<synthetic>","content":"Limit."}}`, Limit},
		{"usage", goodLine, Usage},
	}
	for _, c := range cases {
		pl, err := NewParser().Parse([]byte(c.line))
		if err != nil || pl.Kind != c.kind {
			t.Errorf("%s: kind %d err %v, want kind %d", c.name, pl.Kind, err, c.kind)
		}
	}
}

// TestParseLineBadInputs lists lines that must be rejected (counted as bad),
// never read as zero or guessed at.
func TestParseLineBadInputs(t *testing.T) {
	bad := map[string]string{
		"truncated":            goodLine[:len(goodLine)/2],
		"not JSON":             `usage: 5`,
		"array":                `["usage"]`,
		"string token count":   `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"input_tokens":"5"}}}`,
		"negative count":       `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"output_tokens":-3}}}`,
		"fractional count":     `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"output_tokens":1.5}}}`,
		"overflowing count":    `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"output_tokens":99999999999999999999}}}`,
		"count above the cap":  `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"input_tokens":3000000000000000000}}}`,
		"cache read too large": `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"cache_read_input_tokens":1000000000001}}}`,
		"bad 1h count":         `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":{"cache_creation":{"ephemeral_1h_input_tokens":true}}}}`,
		"usage not an object":  `{"timestamp":"2025-11-04T09:00:00Z","message":{"usage":7}}`,
		"no timestamp":         `{"message":{"usage":{"input_tokens":1}}}`,
		"bad timestamp":        `{"timestamp":"yesterday","message":{"usage":{"input_tokens":1}}}`,
		"year past 9998":       `{"timestamp":"9999-12-31T23:59:05Z","message":{"usage":{"input_tokens":1}}}`,
		"trailing garbage":     goodLine + `x`,
	}
	for name, line := range bad {
		if _, err := NewParser().Parse([]byte(line)); err == nil {
			t.Errorf("%s: accepted %q", name, line)
		}
	}
}

func TestParseLineInvalidUTF8KeepsUsage(t *testing.T) {
	line := strings.Replace(goodLine, `"cwd":"/w"`, "\"cwd\":\"/w\xff\xfe\"", 1)
	pl, err := NewParser().Parse([]byte(line))
	if err != nil || !pl.InvalidUTF8 || pl.Call.Output != 187 {
		t.Fatalf("err %v invalid %v tokens %+v", err, pl.InvalidUTF8, pl.Call)
	}
}

func TestPrefilter(t *testing.T) {
	if MayCarryUsage([]byte(`{"type":"user","message":{"content":"a \"usage\" word"}}`)) {
		t.Error("an escaped quote inside a string passed the prefilter")
	}
	if !MayCarryUsage([]byte(`{"isApiErrorMessage":true}`)) {
		t.Error("a limit line without usage was filtered out")
	}
}

func TestContainsMarker(t *testing.T) {
	cases := map[string]bool{
		`"usage"`:              true,
		`{"a":"x","usage":{}}`: true,
		`usage"`:               false,
		`{"xusage":1}`:         false,
		`{"usage_x":1}`:        false,
		`"usag`:                false,
		`usage" "usage"`:       true, // a near miss, then the key
		``:                     false,
	}
	for line, want := range cases {
		if got := containsMarker([]byte(line), usageMarker); got != want {
			t.Errorf("%q: %v, want %v", line, got, want)
		}
		if bytes.Contains([]byte(line), usageMarker) != want {
			t.Errorf("%q: the table disagrees with bytes.Contains", line)
		}
	}
}

// FuzzContainsMarker checks the fast search against bytes.Contains.
func FuzzContainsMarker(f *testing.F) {
	f.Add([]byte(`{"usage":1}`))
	f.Add([]byte(`xx"isApiErrorMessage"`))
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, m := range [][]byte{usageMarker, apiErrorMarker} {
			if containsMarker(line, m) != bytes.Contains(line, m) {
				t.Fatalf("%q in %q: disagrees with bytes.Contains", m, line)
			}
		}
	})
}

func total(c Call) int64 { return c.Input + c.Output + c.CacheWrite5m + c.CacheWrite1h + c.CacheRead }

// utcMillis reads what time.Parse reads, to the nanosecond, on every
// timestamp of Claude Code's form, and declines everything else of that
// length that time.Parse refuses or reads differently.
func TestUTCMillisIsTimeParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	digits := "0123456789"
	for n := 0; n < 200000; n++ {
		b := []byte("2026-01-02T03:04:05.678Z")
		for k := rng.IntN(4); k > 0; k-- {
			i := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[i] = digits[rng.IntN(10)]
			case 1:
				b[i] = "0123456789-T:.Z+ x"[rng.IntN(18)]
			default:
				copy(b, fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", rng.IntN(10000), rng.IntN(14), rng.IntN(33), rng.IntN(25), rng.IntN(61), rng.IntN(61), rng.IntN(1000)))
			}
		}
		got, ok := utcMillis(b)
		want, err := time.Parse(time.RFC3339Nano, string(b))
		if ok && (err != nil || !got.Equal(want) || got.Location() != time.UTC) {
			t.Fatalf("%s: utcMillis %v, time.Parse %v %v", b, got, want, err)
		}
		if !ok && err == nil && want.Year() <= MaxLogYear && strings.HasSuffix(string(b), "Z") && len(b) == 24 && b[19] == '.' {
			t.Fatalf("%s: declined, though time.Parse reads it as %v", b, want)
		}
	}
}
