package paste

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseFolded8M reads an 8 MiB paste of folded header lines, the
// worst case of the line reader (once quadratic: about 250 s and 1.2 TB
// allocated on a 2-core machine).
func BenchmarkParseFolded8M(b *testing.B) {
	data := foldedPaste(MaxInput - 64)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGarbage8M is 8 MiB of lines that are not headers.
func BenchmarkParseGarbage8M(b *testing.B) {
	data := append([]byte("HTTP/2 429\n"), bytes.Repeat([]byte("no colon on this line\n"), (8<<20)/22)...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseText8M is 8 MiB of log text with no response in it: the
// worst case of the text reader, which searches it for status lines,
// bodies and messages.
func BenchmarkParseText8M(b *testing.B) {
	data := bytes.Repeat([]byte("2026-04-14T10:00:00Z worker 7 processed item 429 of 1000 in 12 ms\n"), (8<<20)/66)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Parse(data)
	}
}

// BenchmarkParseFixtures reads every fixture once per iteration.
func BenchmarkParseFixtures(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	var all [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range all {
			if _, err := Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
