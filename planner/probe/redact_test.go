package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose"
)

// escapedKey writes every character of key as a JSON \u escape.
func escapedKey(key string, backslashes int) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		fmt.Fprintf(&b, "%su%04x", strings.Repeat(`\`, backslashes), key[i])
	}
	return b.String()
}

// TestProbeRedactsAnEscapedEchoOfTheKey: a server that echoed the key with
// JSON escapes (\u00xx) got it printed once decoded; so did a header with
// percent escapes.
func TestProbeRedactsAnEscapedEchoOfTheKey(t *testing.T) {
	mixed := secretKey[:5] + escapedKey(secretKey[5:12], 1) + secretKey[12:]
	pct := ""
	for i := 0; i < len(secretKey); i++ {
		pct += fmt.Sprintf("%%%02X", secretKey[i])
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-echo", "key="+pct)
		w.WriteHeader(401)
		fmt.Fprintf(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key %s (also %s, and as a string in a string: %s)"},"request_id":"req_%s"}`,
			escapedKey(secretKey, 1), mixed, escapedKey(secretKey, 2), escapedKey(secretKey, 1))
	}))
	defer srv.Close()
	r, err := Probe(context.Background(), srv.Client(), Request{BaseURL: srv.URL, APIKey: secretKey, Timeout: 5 * time.Second}, diagnose.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(r.Diagnosis)
	var decoded any
	_ = json.Unmarshal(out, &decoded)
	again, _ := json.Marshal(decoded)
	for _, s := range []string{string(out), string(again), string(r.Response.Body), r.Diagnosis.Error.Message, r.Diagnosis.RequestID} {
		if strings.Contains(s, secretKey) || strings.Contains(s, "SECRET") || strings.Contains(strings.ToLower(s), `u0053u0045u0043`) {
			t.Fatalf("the key survived: %s", s)
		}
	}
	if v, _ := r.Response.Header.Get("x-echo"); v != "key=[redacted]" {
		t.Errorf("header x-echo = %q", v)
	}
	if want := "invalid x-api-key [redacted] (also [redacted], and as a string in a string: [redacted])"; r.Diagnosis.Error.Message != want {
		t.Errorf("message %q\nwant    %q", r.Diagnosis.Error.Message, want)
	}
}

func FuzzKeyPatternFindsEveryEncoding(f *testing.F) {
	f.Add("sk-ant-api03-abc_DEF-123", uint64(0))
	f.Add("k", uint64(0xffff))
	f.Fuzz(func(t *testing.T, key string, choice uint64) {
		if key == "" || !headerSafe(key) || len(key) > 200 {
			return
		}
		// Write each character in one of five forms, chosen by the bits.
		var b strings.Builder
		for i := 0; i < len(key); i++ {
			c := key[i]
			switch (choice >> (3 * (i % 21))) & 7 {
			case 1:
				fmt.Fprintf(&b, `\u%04X`, c)
			case 2:
				fmt.Fprintf(&b, `\\u%04x`, c)
			case 3:
				fmt.Fprintf(&b, "%%%02x", c)
			case 4:
				fmt.Fprintf(&b, "&#x%x;", c)
			case 5:
				fmt.Fprintf(&b, "&#%d;", c)
			default:
				b.WriteByte(c)
			}
		}
		// Spaces around it: a key never holds one (headerSafe).
		got := redactString(" "+b.String()+" ", key)
		if got != " "+redactMask+" " {
			t.Fatalf("key %q written %q: redacted to %q", key, b.String(), got)
		}
	})
}
