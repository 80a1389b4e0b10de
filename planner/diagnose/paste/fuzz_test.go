package paste

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the reader, seeded with every fixture
// and the shapes of the tests: either a one-line error, or a Response whose
// fields stay inside their contract. Never a panic.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "HTTP/", "HTTP/2 429\n\n\n", "{", `{"status":"x"}`, ":status: 429\n", "a:b\n\n\x00",
		"HTTP/1.1 100 Continue\n\nHTTP/1.1 100 Continue\n\n", "HTTP/2 429\n x\n\tfolded\n", `"Error: 429 {\"a\"`,
		"Error code: 429 - {'a': [", "&{Status:429 StatusCode:429 Header:map[A:[b]", "[{\"error\":\"Error: 429 {}\"}]",
		"* x\n< HTTP/2 429\n< a: b\n", "429 {\"type\":\"error\",\"error\":{\"message\":\"a\nb\"}}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := Parse(data)
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
		if resp.Form == "" || resp.Header == nil {
			t.Fatalf("form %q, header %v", resp.Form, resp.Header)
		}
		if len(resp.Notes) > maxNotes+2 {
			t.Fatalf("%d notes", len(resp.Notes))
		}
		for _, n := range resp.Notes {
			if strings.ContainsAny(n, "\x00\x1b\n") {
				t.Fatalf("note carries raw control bytes: %q", n)
			}
		}
	})
}

// FuzzFromHeaderLines: any --status and --header value is accepted or
// refused in one line.
func FuzzFromHeaderLines(f *testing.F) {
	for _, s := range []string{"retry-after: 3", "x:", ":status: 429", "bad name: 1", "", "a:b:c", "x = 1"} {
		f.Add(429, s)
	}
	f.Fuzz(func(t *testing.T, status int, line string) {
		r, err := FromHeaderLines(status, []string{line})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		if r.Form != FormFlags || (r.Status != 0 && (r.Status < 100 || r.Status > 599)) {
			t.Fatalf("form %s status %d", r.Form, r.Status)
		}
	})
}
