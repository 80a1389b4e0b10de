package usage

import (
	"runtime"
	"sync"
	"testing"
)

// benchHistory is the benchmark history of the README: 800 generated
// sessions, 132 MB in 3,126 files, 75,813 API calls. It is written once
// per test binary.
var benchHistory = struct {
	once sync.Once
	dir  string
	size int64
	err  error
}{}

func historyDir(b *testing.B) (string, int64) {
	benchHistory.once.Do(func() {
		dir, err := tempDirOutsideTest()
		if err != nil {
			benchHistory.err = err
			return
		}
		benchHistory.dir = dir
		benchHistory.size, benchHistory.err = writeHistory(dir, generateHistory(historySpec{Seed: 1, Sessions: 800}))
	})
	if benchHistory.err != nil {
		b.Fatal(benchHistory.err)
	}
	return benchHistory.dir, benchHistory.size
}

// BenchmarkUsageCold is `tierplan usage --no-cache` on the benchmark
// history: discovery, parse, dedup and the report, nothing kept between
// runs:
//
//	go test -run '^$' -bench BenchmarkUsage -benchtime 10x ./planner/usage
func BenchmarkUsageCold(b *testing.B) {
	dir, size := historyDir(b)
	table := testTable()
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, _, err := FindFiles(OSFileSystem{}, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		data := Read(OSFileSystem{}, files, Options{Workers: runtime.GOMAXPROCS(0)})
		BuildReport(data, table, ReportOptions{Top: 10})
	}
}

// BenchmarkUsageWarm is a second `tierplan usage` over the unchanged
// benchmark history: the index is loaded, no transcript is opened.
func BenchmarkUsageWarm(b *testing.B) {
	dir, _ := historyDir(b)
	cache := b.TempDir()
	table := testTable()
	ix, _ := OpenIndex(cache, []string{dir})
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	Read(OSFileSystem{}, files, Options{Index: ix})
	if err := ix.Save(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, note := OpenIndex(cache, []string{dir})
		if note != "" {
			b.Fatal(note)
		}
		files, _, err := FindFiles(OSFileSystem{}, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		data := Read(OSFileSystem{}, files, Options{Index: ix})
		BuildReport(data, table, ReportOptions{Top: 10})
		if err := ix.Save(); err != nil {
			b.Fatal(err)
		}
	}
}
