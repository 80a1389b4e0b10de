package diagnose

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var validKinds = map[Kind]bool{
	KindRateLimit: true, KindOverloaded: true, KindSpendCap: true, KindSpendLimit: true, KindAuth: true,
	KindInvalidRequest: true, KindTooLarge: true, KindOK: true, KindOther: true,
}

var validLimits = map[Limit]bool{
	LimitNone: true, LimitRPM: true, LimitITPM: true, LimitOTPM: true, LimitTokens: true, LimitDaily: true, LimitUnknown: true,
}

// FuzzParseResponse feeds arbitrary bytes through the parser and the
// diagnosis: either one clear line of error, or a verdict whose fields stay
// inside the contract. Never a panic.
func FuzzParseResponse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "responses", "*"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range diagCases() {
		f.Add([]byte(tc.in))
	}
	for _, s := range []string{"", "HTTP/", "HTTP/2 429\n\n\n", "{", `{"status":"x"}`, ":status: 429\n", "a:b\n\n\x00",
		"HTTP/1.1 100 Continue\n\nHTTP/1.1 100 Continue\n\n", "HTTP/2 429\n x\n\tfolded\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := ParseBytes(data)
		if err != nil {
			msg := err.Error()
			if msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			return
		}
		if resp.Status != 0 && (resp.Status < 100 || resp.Status > 599) {
			t.Fatalf("status %d out of range", resp.Status)
		}
		if len(resp.Notes) > maxNotes+1 {
			t.Fatalf("%d parse notes", len(resp.Notes))
		}
		d := Diagnose(resp, at, testTable())
		if !validKinds[d.Kind] || !validLimits[d.Limit] {
			t.Fatalf("kind %q limit %q outside the contract", d.Kind, d.Limit)
		}
		if (d.Limit != LimitNone) != (d.Kind == KindRateLimit) {
			t.Fatalf("limit %q with kind %q", d.Limit, d.Kind)
		}
		if d.Verdict == "" || d.Advice == nil || d.Missing == nil || d.Notes == nil || d.Buckets == nil {
			t.Fatalf("incomplete diagnosis %+v", d)
		}
		if d.WaitS != nil && *d.WaitS < 0 {
			t.Fatalf("negative wait %d", *d.WaitS)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("diagnosis does not marshal: %v", err)
		}
	})
}

// FuzzFromHeaderLines: any --header value is accepted or refused in one line.
func FuzzFromHeaderLines(f *testing.F) {
	for _, s := range []string{"retry-after: 3", "x:", ":status: 429", "bad name: 1", "", "a:b:c"} {
		f.Add(429, s)
	}
	f.Fuzz(func(t *testing.T, status int, line string) {
		r, err := FromHeaderLines(status, []string{line})
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(line, "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		_ = Diagnose(r, at, nil)
	})
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		kind  Kind
		limit Limit
	}{
		{"rate-limit-itpm.http", KindRateLimit, LimitITPM},
		{"overloaded.http", KindOverloaded, LimitNone},
		{"spend-cap.http", KindSpendCap, LimitNone},
		{"spend-limit.http", KindSpendLimit, LimitNone},
		{"auth-via-proxy.http", KindAuth, LimitNone},
		{"headers.json", KindRateLimit, LimitOTPM},
		{"ok.http", KindOK, LimitNone},
		{"truncated.http", KindRateLimit, LimitUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "responses", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			resp, err := ParseResponse(f)
			if err != nil {
				t.Fatal(err)
			}
			d := Diagnose(resp, at, testTable())
			if d.Kind != tc.kind || d.Limit != tc.limit {
				t.Fatalf("%s: %s/%q, want %s/%q: %s", tc.file, d.Kind, d.Limit, tc.kind, tc.limit, d.Verdict)
			}
		})
	}
}
