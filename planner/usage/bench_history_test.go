package usage

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
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

// usageRun is one `tierplan usage` as the command runs it: the index
// opened (when cache is not ""), the history walked and read with the
// report asked of the read, the report built, the index saved.
func usageRun(b *testing.B, dir, cache string, table *tiers.Table) Report {
	opt := Options{Workers: runtime.GOMAXPROCS(0), Now: time.Now(), Report: &ReportSpec{Table: table, Options: ReportOptions{Top: 10}}}
	if cache != "" {
		ix, note := OpenIndex(cache, []string{dir})
		if note != "" {
			b.Fatal(note)
		}
		opt.Index = ix
	}
	data, err := ReadPaths(OSFileSystem{}, []string{dir}, opt)
	if err != nil {
		b.Fatal(err)
	}
	r := BuildReport(data, table, opt.Report.Options)
	if opt.Index != nil {
		if err := opt.Index.Save(); err != nil {
			b.Fatal(err)
		}
	}
	return r
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
		usageRun(b, dir, "", table)
	}
}

// BenchmarkUsageFirst is the first `tierplan usage` with the cache: a cold
// read that also writes the index.
func BenchmarkUsageFirst(b *testing.B) {
	dir, size := historyDir(b)
	table := testTable()
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cache := b.TempDir()
		b.StartTimer()
		usageRun(b, dir, cache, table)
	}
}

// BenchmarkUsageWarm is a second `tierplan usage` over the unchanged
// benchmark history: the index is loaded, the files stat-ed, no
// transcript opened, the report built from the rows the index kept.
func BenchmarkUsageWarm(b *testing.B) {
	dir, _ := historyDir(b)
	cache := b.TempDir()
	table := testTable()
	usageRun(b, dir, cache, table)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		usageRun(b, dir, cache, table)
	}
}

// BenchmarkUsageAppended is `tierplan usage` after one session file grew
// by 20 calls (17 kB): that file is read from where the index stopped, the
// rest is not opened, the new calls are merged into the index's table and
// folded onto the report's kept rows.
func BenchmarkUsageAppended(b *testing.B) {
	dir, _ := historyDir(b)
	cache := b.TempDir()
	table := testTable()
	usageRun(b, dir, cache, table)
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	grow := files[len(files)/2].Path
	more := appendedCalls(b, grow, 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f, err := os.OpenFile(grow, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		f.Write(more[i%len(more)])
		f.Close()
		b.StartTimer()
		usageRun(b, dir, cache, table)
	}
}

// appendedCalls makes batches of n new calls for the session of path,
// each call with new ids, from a generated session's lines, later than
// every call of the history, as a session in progress writes them.
func appendedCalls(b *testing.B, path string, n int) [][]byte {
	lines := generateHistory(historySpec{Seed: 99, Sessions: 1, Turns: 60, Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Days: 1})[0].Lines
	var batches [][]byte
	var cur []byte
	calls := 0
	for i, l := range lines {
		if !strings.Contains(l, `"type":"assistant"`) {
			continue
		}
		l = strings.ReplaceAll(l, `"msg_01`, fmt.Sprintf(`"msg_%04d`, i))
		cur = append(append(cur, l...), '\n')
		if calls++; calls%n == 0 {
			batches = append(batches, cur)
			cur = nil
		}
	}
	if len(batches) == 0 {
		b.Fatal("no calls to append")
	}
	return batches
}

// BenchmarkUsageMemory reports the peak heap of one `tierplan usage`
// over one copy of a history and over eight: eight copies in eight
// directories read cold (--no-cache; the same calls eight times), and
// eight hard-linked copies read the first time with the cache (each file
// read once, the eight trees walked and their listings kept). Memory
// follows the distinct calls, not the bytes.
//
//	go test -run '^$' -bench BenchmarkUsageMemory -benchtime 1x ./planner/usage
func BenchmarkUsageMemory(b *testing.B) {
	for _, c := range []struct {
		name   string
		copies int
		linked bool
	}{{"cold/copies=1", 1, false}, {"cold/copies=8", 8, false}, {"first/links=1", 1, true}, {"first/links=8", 8, true}} {
		b.Run(c.name, func(b *testing.B) {
			files := generateHistory(historySpec{Seed: 3, Sessions: 200})
			root := b.TempDir()
			first := filepath.Join(root, "copy0")
			if _, err := writeHistory(first, files); err != nil {
				b.Fatal(err)
			}
			for k := 1; k < c.copies; k++ {
				dir := filepath.Join(root, fmt.Sprintf("copy%d", k))
				if c.linked {
					linkTree(b, first, dir)
				} else if _, err := writeHistory(dir, files); err != nil {
					b.Fatal(err)
				}
			}
			var peak uint64
			var calls int
			for i := 0; i < b.N; i++ {
				cache := ""
				if c.linked {
					cache = b.TempDir()
				}
				runtime.GC()
				stop := sampleHeap(&peak)
				r := usageRun(b, root, cache, testTable())
				calls = int(r.Totals.Requests)
				stop()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(peak)/float64(calls), "peak-heap-B/call")
		})
	}
}

// linkTree makes to a copy of the tree from whose files are hard links.
func linkTree(b *testing.B, from, to string) {
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return os.Link(p, filepath.Join(to, rel))
	})
	if err != nil {
		b.Fatal(err)
	}
}

// sampleHeap records the largest live heap seen every millisecond until
// the returned func is called.
func sampleHeap(peak *uint64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}
