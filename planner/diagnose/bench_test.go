package diagnose

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDiagnoseTypical parses and diagnoses a real-sized 429 (about
// 1 KB of headers and body).
func BenchmarkDiagnoseTypical(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "responses", "rate-limit-itpm.http"))
	if err != nil {
		b.Fatal(err)
	}
	table := testTable()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := ParseResponse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		_ = Diagnose(resp, at, table)
	}
}

// BenchmarkDiagnoseCapped reads a 9 MiB paste (a success response with a
// huge body), of which only the first 8 MiB are read.
func BenchmarkDiagnoseCapped(b *testing.B) {
	data := append([]byte("HTTP/2 200\nanthropic-ratelimit-requests-remaining: 49\n\n"), bytes.Repeat([]byte("x"), 9<<20)...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := ParseResponse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		_ = Diagnose(resp, at, nil)
	}
}

// BenchmarkDiagnoseGarbage is 8 MiB of header-like garbage lines: the
// worst case for the line scanner.
func BenchmarkDiagnoseGarbage(b *testing.B) {
	data := append([]byte("HTTP/2 429\n"), bytes.Repeat([]byte("no colon on this line\n"), (8<<20)/22)...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := ParseResponse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		_ = Diagnose(resp, at, nil)
	}
}
