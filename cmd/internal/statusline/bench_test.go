package statusline_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The status line runs after every assistant message, so its warm run is
// what counts. A large history comes from the usage package's generator
// (about 1.1 GB in 24,000 files with 6,100 sessions):
//
//	go test ./planner/usage -run TestWriteHistory -args -write-history /tmp/history-1g -sessions 6100
//	TIERPLAN_BENCH_HISTORY=/tmp/history-1g go test -run '^$' -bench Statusline -benchtime 20x ./cmd/internal/statusline
//
// Without TIERPLAN_BENCH_HISTORY the committed fixture logs are used.

// benchEnv is a status line over the history: its newest transcript is the
// session's own, and the clock is a minute after its last write.
func benchEnv(b *testing.B) (*env, string, string) {
	dir := os.Getenv("TIERPLAN_BENCH_HISTORY")
	if dir == "" {
		dir = b.TempDir()
		copyTree(b, logs, dir)
	}
	var newest string
	var newestTime time.Time
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".jsonl") && !strings.Contains(p, "subagents") {
			if fi, err := d.Info(); err == nil && fi.ModTime().After(newestTime) {
				newest, newestTime = p, fi.ModTime()
			}
		}
		return nil
	})
	if newest == "" {
		b.Fatalf("no transcript in %s", dir)
	}
	e := newEnv(b)
	e.vars["CLAUDE_CONFIG_DIR"] = dir
	e.now = newestTime.Add(time.Minute)
	api := input(b, "api-key.json")
	stdin := strings.Replace(api, `"/home/dev/.claude/projects/-home-dev-api-server/3f6c2a9e-8b1d-4c7e-9a52-1d0e7b4f6a21.jsonl"`, quote(newest), 1)
	return e, stdin, newest
}

// BenchmarkStatuslineAPIWarm is an API-key user's status line after the
// session's transcript grew by one call: the list of today's transcripts
// is fresh, so only they are looked at, and only the new line is read.
func BenchmarkStatuslineAPIWarm(b *testing.B) {
	e, stdin, transcript := benchEnv(b)
	if r := e.run(b, stdin, "--tz", "UTC"); !strings.Contains(r.Stdout, "today") {
		b.Fatalf("first run: %s%s", r.Stderr, r.Stdout)
	}
	f, err := os.OpenFile(transcript, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	i := 0
	for b.Loop() {
		i++
		f.WriteString(call(e.now.UTC().Format(time.RFC3339), "msg_bench_"+strconv.Itoa(i)+"_"+strconv.FormatInt(time.Now().UnixNano(), 36), 500))
		if r := e.run(b, stdin, "--tz", "UTC"); !strings.Contains(r.Stdout, "today") {
			b.Fatalf("run %d: %s%s", i, r.Stderr, r.Stdout)
		}
	}
}

// BenchmarkStatuslineAPIRescan is the run that lists every transcript
// again (the first of a day, then at most every ten minutes).
func BenchmarkStatuslineAPIRescan(b *testing.B) {
	e, stdin, _ := benchEnv(b)
	e.run(b, stdin, "--tz", "UTC")
	for b.Loop() {
		e.now = e.now.Add(11 * time.Minute)
		if r := e.run(b, stdin, "--tz", "UTC"); !strings.Contains(r.Stdout, "today") {
			b.Fatalf("%s%s", r.Stderr, r.Stdout)
		}
	}
}

// BenchmarkStatuslineSubscriber is a subscriber's status line: no log is
// read; the window readings go to the history when they change.
func BenchmarkStatuslineSubscriber(b *testing.B) {
	e := newEnv(b)
	stdin := input(b, "subscriber.json")
	for b.Loop() {
		if r := e.run(b, stdin, "--tz", "UTC"); !strings.Contains(r.Stdout, "5h 38%") {
			b.Fatalf("%s%s", r.Stderr, r.Stdout)
		}
	}
}
