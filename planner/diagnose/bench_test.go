package diagnose

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

func benchPaste(b *testing.B, data []byte, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := paste.Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		_ = Diagnose(resp, opt)
	}
}

// BenchmarkDiagnoseTypical reads and diagnoses a real-sized 429 (about
// 1.4 KB of headers and body).
func BenchmarkDiagnoseTypical(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "pastes", "http-rate-limit-itpm.txt"))
	if err != nil {
		b.Fatal(err)
	}
	benchPaste(b, data, Options{Now: at, Table: testTable()})
}

// BenchmarkDiagnoseSubscription reads and diagnoses a subscription 429
// with its unified headers.
func BenchmarkDiagnoseSubscription(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "pastes", "http-subscription-5h.txt"))
	if err != nil {
		b.Fatal(err)
	}
	benchPaste(b, data, Options{Now: fixtureNow})
}

// BenchmarkDiagnoseCapped reads a 9 MiB paste (a success response with a
// huge body), of which only the first 8 MiB are read.
func BenchmarkDiagnoseCapped(b *testing.B) {
	data := append([]byte("HTTP/2 200\nanthropic-ratelimit-requests-remaining: 49\n\n"), bytes.Repeat([]byte("x"), 9<<20)...)
	benchPaste(b, data, Options{Now: at})
}

// BenchmarkDiagnoseFolded8M is an 8 MiB paste of folded header lines, read
// and diagnosed: the paste that took about 250 s when folding was quadratic.
func BenchmarkDiagnoseFolded8M(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("HTTP/1.1 429 Too Many Requests\r\nx-long: start\r\n")
	for buf.Len() < paste.MaxInput-64 {
		buf.WriteString(" folded part of the value\r\n")
	}
	buf.WriteString("\r\n")
	benchPaste(b, buf.Bytes(), Options{Now: at})
}
