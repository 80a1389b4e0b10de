package usage

import (
	"runtime"
	"testing"
)

// BenchmarkRead reads a generated 64 MB corpus end to end (discovery,
// parallel parse, dedup) and reports MB/s:
//
//	go test -run '^$' -bench BenchmarkRead -benchtime 5x ./planner/usage
func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	size, calls, err := writeCorpus(dir, 64<<20)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, _, err := FindFiles(OSFileSystem{}, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		data := Read(OSFileSystem{}, files, Options{Workers: runtime.GOMAXPROCS(0)})
		if len(data.Entries()) != calls {
			b.Fatalf("%d entries, want %d", len(data.Entries()), calls)
		}
	}
}

// TestWriteCorpus keeps the benchmark's generator honest: what it writes
// reads back as the calls it counted, once each.
func TestWriteCorpus(t *testing.T) {
	dir := t.TempDir()
	size, calls, err := writeCorpus(dir, 2<<20)
	if err != nil {
		t.Fatal(err)
	}
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	data := Read(OSFileSystem{}, files, Options{})
	if data.Bytes != size || len(data.Entries()) != calls || data.BadLines != 0 {
		t.Fatalf("bytes %d/%d entries %d/%d bad %d", data.Bytes, size, len(data.Entries()), calls, data.BadLines)
	}
}
