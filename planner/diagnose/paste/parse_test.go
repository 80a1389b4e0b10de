package paste

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// crlf turns a readable LF fixture into what curl prints on the wire.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestParseShapes(t *testing.T) {
	const h2 = "HTTP/2 429 \nretry-after: 27\nanthropic-ratelimit-input-tokens-remaining: 0\n\n{\"type\":\"error\"}"
	tests := []struct {
		name       string
		in         string
		status     int
		proto      string
		header     map[string]string // name -> first value
		body       string
		noteSubstr string
	}{
		{name: "http/2 lf", in: h2, status: 429, proto: "HTTP/2",
			header: map[string]string{"retry-after": "27", "anthropic-ratelimit-input-tokens-remaining": "0"}, body: `{"type":"error"}`},
		{name: "http/2 crlf", in: crlf(h2), status: 429, proto: "HTTP/2",
			header: map[string]string{"retry-after": "27"}, body: `{"type":"error"}`},
		{name: "http/1.1 reason and title case", in: "HTTP/1.1 429 Too Many Requests\nRetry-After: 5\nAnthropic-RateLimit-Requests-Remaining: 0\n\n",
			status: 429, proto: "HTTP/1.1", header: map[string]string{"retry-after": "5", "anthropic-ratelimit-requests-remaining": "0"}},
		{name: "http/1.0", in: "HTTP/1.0 529 Overloaded\n\n", status: 529, proto: "HTTP/1.0"},
		{name: "http/2.0 and leading blank lines", in: "\n\nHTTP/2.0 200\nx: 1\n\n", status: 200, proto: "HTTP/2.0", header: map[string]string{"x": "1"}},
		{name: "100 continue preface", in: crlf("HTTP/1.1 100 Continue\n\nHTTP/1.1 429 Too Many Requests\nretry-after: 9\n\n{}"),
			status: 429, proto: "HTTP/1.1", header: map[string]string{"retry-after": "9"}, body: "{}", noteSubstr: "100 Continue"},
		{name: "proxy connect preface", in: "HTTP/1.1 200 Connection established\n\nHTTP/2 529\nretry-after: 3\n\n",
			status: 529, proto: "HTTP/2", header: map[string]string{"retry-after": "3"}, noteSubstr: "Connection established"},
		{name: "proxy connect preface with headers", in: "HTTP/1.1 200 Connection established\nProxy-Agent: squid\n\nHTTP/2 401\n\n",
			status: 401, proto: "HTTP/2"},
		{name: "no body, no final blank line (truncated)", in: "HTTP/2 429\nretry-after: 4",
			status: 429, header: map[string]string{"retry-after": "4"}, noteSubstr: "ends inside the headers"},
		{name: "garbage line skipped", in: "HTTP/2 429\nthis is not a header\nretry-after: 4\n\n",
			status: 429, header: map[string]string{"retry-after": "4"}, noteSubstr: "line 2: not a header line"},
		{name: "folded header", in: "HTTP/1.1 400\nx-long: part one\n  part two\n\n",
			status: 400, header: map[string]string{"x-long": "part one part two"}},
		{name: "duplicated differing", in: "HTTP/2 429\nretry-after: 4\nRetry-After: 9\n\n",
			status: 429, header: map[string]string{"retry-after": "4"}, noteSubstr: "appears 2 times"},
		{name: "bare header lines", in: "retry-after: 30\nanthropic-ratelimit-tokens-remaining: 0\n",
			status: 0, header: map[string]string{"retry-after": "30"}},
		{name: "bare header lines with :status", in: ":status: 429\nretry-after: 30\n",
			status: 429, header: map[string]string{"retry-after": "30"}},
		{name: "json object of headers", in: `{"status": 429, "Retry-After": "12", "anthropic-ratelimit-requests-limit": ["50"], "anthropic-ratelimit-requests-remaining": 0}`,
			status: 429, header: map[string]string{"retry-after": "12", "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "0"}},
		{name: "json status as text and nested headers", in: `{"status": "429 Too Many Requests", "headers": {"retry-after": 7}, "body": {"type":"error"}}`,
			status: 429, header: map[string]string{"retry-after": "7"}, body: `{"type":"error"}`},
		{name: "json HAR response", in: `{"status": 529, "headers": [{"name": "Retry-After", "value": "2"}], "content": {"text": "{}"}}`,
			status: 529, header: map[string]string{"retry-after": "2"}, body: "{}"},
		{name: "json duplicated keys kept", in: `{"retry-after": "1", "Retry-After": "2"}`,
			header: map[string]string{"retry-after": "1"}, noteSubstr: "appears 2 times"},
		{name: "json bad values skipped", in: `{"x-ok": "1", "x-obj": {"a": 1}, "x-bool": true, "bad name": "1"}`,
			header: map[string]string{"x-ok": "1"}, noteSubstr: "x-obj"},
		{name: "json cut off keeps what was read", in: `{"status": 429, "retry-after": "5", "anthropic-ratelimit-input`,
			status: 429, header: map[string]string{"retry-after": "5"}, noteSubstr: "cut off"},
		{name: "bom", in: "\xef\xbb\xbfHTTP/2 200\n\n", status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if r.Status != tc.status {
				t.Errorf("status %d, want %d", r.Status, tc.status)
			}
			if tc.proto != "" && r.Proto != tc.proto {
				t.Errorf("proto %q, want %q", r.Proto, tc.proto)
			}
			for k, want := range tc.header {
				if got, _ := r.Header.Get(k); got != want {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
			if tc.body != "" && string(r.Body) != tc.body {
				t.Errorf("body %q, want %q", r.Body, tc.body)
			}
			if tc.noteSubstr != "" && !strings.Contains(strings.Join(r.Notes, "\n"), tc.noteSubstr) {
				t.Errorf("notes %q lack %q", r.Notes, tc.noteSubstr)
			}
		})
	}
}

func TestParseBadInputs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "empty input"},
		{"blank", " \n\t\r\n", "empty input"},
		{"prose", "hello there\nhow are you", "line 1: not a response tierplan can read"},
		{"binary", "\x00\x01\x02\xff", "line 1: not a response tierplan can read"},
		{"json array", `[{"retry-after": "1"}]`, "a JSON list, but no error in it carries a status code"},
		{"no status code", "HTTP/1.1\n\n", "line 1: malformed status line"},
		{"word status", "HTTP/1.1 abc Too Many\n", "not a three-digit status code"},
		{"two digit status", "HTTP/1.1 42\n", "not a three-digit status code"},
		{"status out of range", "HTTP/2 999\n", "outside 100-599"},
		{"bad protocol", "HTTP/one 429\n", "unknown protocol"},
		{"bad later status line", "\n\nHTTP/1.1 4x9\n", "line 3: malformed status line"},
		// Lines: 1 status, 2 header, 3 blank, 4 the bad final status line.
		{"bad status after interim", "HTTP/1.1 100 Continue\nvia: x\n\nHTTP/1.1 4x9\n", "line 4: malformed status line"},
		{"json never opened properly", `{"a"`, "line 1: invalid JSON"},
		{"json syntax on line 2", "{\n  \"a\" 1}", "line 2: invalid JSON"},
		{"a log line", "2026-04-14T10:00:03Z worker started\n", "line 1: not a response tierplan can read"},
		{"prose with a date line", "Notes from the call\nDate: Tue, 14 Apr 2026 10:00:00 GMT\nwe got throttled\n", "line 1: not a response tierplan can read"},
		{"comments only", "# nothing pasted yet\n```\n```\n", "empty input"},
		{"HAR without entries", `{"log": {"version": "1.2", "entries": []}}`, "a HAR file with no entries"},
		{"HAR that does not read", `{"log": {"entries": "none"}}`, "a HAR file, but its log.entries do not read"},
		{"Go dump without its header map", "&{Status:429 Too Many Requests StatusCode:429 Proto:HTTP/2.0}", "a Go response dump without its Header:map"},
		{"unterminated JSON string", `"Error: 429 {`, "starts with a quote but is not a JSON string"},
		{"JSON string holding prose", `"just words"`, "inside the JSON string: line 1: not a response"},
		{"JSON list without a status", `[{"error": "it broke"}]`, "a JSON list, but no error in it carries a status code"},
		{"JSON object that is neither", `{"hello": "world"}`, "a JSON object, but neither an API error body nor response headers"},
		{"curl -v with a bad status", "* Connected\n< HTTP/1.1 4x9 Nope\n", "in the \"< \" lines of curl -v output: malformed status line"},
		{"a JSON number", "42", "line 1: not a response tierplan can read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil {
				t.Fatalf("no error for %q", tc.in)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q lacks %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
		})
	}
}

func TestReadCapsInput(t *testing.T) {
	// 9 MiB: headers, then a body far past the 8 MiB cap.
	var b bytes.Buffer
	b.WriteString("HTTP/2 200\nanthropic-ratelimit-requests-remaining: 49\n\n")
	b.Write(bytes.Repeat([]byte("x"), 9<<20))
	r, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Truncated || r.Status != 200 {
		t.Fatalf("truncated %v status %d", r.Truncated, r.Status)
	}
	if v, _ := r.Header.Get("anthropic-ratelimit-requests-remaining"); v != "49" {
		t.Fatalf("header lost: %q", v)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "larger than 8 MiB") {
		t.Fatalf("notes %q do not say the input was cut", r.Notes)
	}
}

func TestParseNotesAreCapped(t *testing.T) {
	// 50 garbage lines: 10 notes and one summary line, not 50.
	in := "HTTP/2 429\n" + strings.Repeat("garbage line\n", 50) + "\n"
	r, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Notes) != maxNotes+1 || !strings.Contains(r.Notes[maxNotes], "40 more") {
		t.Fatalf("got %d notes, last %q", len(r.Notes), r.Notes[len(r.Notes)-1])
	}
}

func TestFromHeaderLines(t *testing.T) {
	r, err := FromHeaderLines(429, []string{"Retry-After: 3", "anthropic-ratelimit-requests-remaining:0"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Header.Get("retry-after"); v != "3" || r.Status != 429 {
		t.Fatalf("status %d retry-after %q", r.Status, v)
	}
	if v, _ := r.Header.Get("anthropic-ratelimit-requests-remaining"); v != "0" {
		t.Fatalf("remaining %q", v)
	}
	for _, bad := range []struct {
		status int
		lines  []string
		want   string
	}{
		{429, []string{"retry-after 3"}, `header "retry-after 3": expected "name: value"`},
		{429, []string{": 3"}, "expected"},
		{429, []string{"bad name: 3"}, "expected"},
		{99, nil, "status 99 is outside 100-599"},
		{600, nil, "outside"},
	} {
		if _, err := FromHeaderLines(bad.status, bad.lines); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("FromHeaderLines(%d, %q) error %v, want %q", bad.status, bad.lines, err, bad.want)
		}
	}
}

func TestMergeGivenValuesWin(t *testing.T) {
	pasted, _ := Parse([]byte("HTTP/2 200\nretry-after: 1\nx-keep: yes\n\nbody"))
	given, _ := FromHeaderLines(429, []string{"Retry-After: 9"})
	m := pasted.Merge(given)
	if m.Status != 429 {
		t.Errorf("status %d", m.Status)
	}
	if v, _ := m.Header.Get("retry-after"); v != "9" {
		t.Errorf("retry-after %q, want the given 9", v)
	}
	if v, _ := m.Header.Get("x-keep"); v != "yes" || string(m.Body) != "body" {
		t.Errorf("pasted parts lost: %q %q", v, m.Body)
	}
	want := []string{`status 429 given replaces the input's 200`, `header retry-after "9" given replaces the input's "1"`}
	if d := cmp.Diff(want, m.Notes); d != "" {
		t.Errorf("notes of replaced values (-want +got):\n%s", d)
	}
	// A given value equal to the pasted one replaces nothing worth a note.
	same, _ := FromHeaderLines(200, []string{"x-keep: yes"})
	if n := pasted.Merge(same).Notes; len(n) != 0 {
		t.Errorf("notes for unchanged values: %q", n)
	}
}

// TestMessagesEscapeControlBytes: input laden with NUL and terminal escapes
// never reaches an error or note raw; each shows as a Go-quoted, cut string.
func TestMessagesEscapeControlBytes(t *testing.T) {
	long := strings.Repeat("\x1b[2J\x00", 40)
	inputs := []string{
		"HTTP/1.1 4\x1b[31mx9\x00\n",
		"HTTP/1.1 100 C\x1b[2Jont" + long + "\n\nHTTP/1.1 429 x\n\n",
		"HTTP/1.1 429 x\n\x1b[2Jbad header\x00" + long + "\n\n",
		"{\"a\x1b[2J\": 1",
		"{\"status\": \"\x1b[2J\", \"headers\": {\"retry-after\": [{\"x\": \"\x1b\"}]}}",
		"\x00\x1b[2J" + long,
	}
	for _, in := range inputs {
		r, err := Parse([]byte(in))
		msgs := append([]string{}, r.Notes...)
		if err != nil {
			msgs = append(msgs, err.Error())
		}
		if len(msgs) == 0 {
			t.Errorf("%q: no error and no note to check", in)
		}
		for _, m := range msgs {
			if strings.ContainsAny(m, "\x00\x1b") {
				t.Errorf("%q: message carries raw control bytes: %q", in, m)
			}
			if len(m) > 400 {
				t.Errorf("%q: message not cut short (%d bytes): %q", in, len(m), m)
			}
		}
	}
}
