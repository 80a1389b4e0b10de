package usage

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// generateHistory simulates the sessions of spec and returns their files,
// paths relative to the projects directory.
func generateHistory(spec historySpec) []historyFile {
	rng := rand.New(rand.NewPCG(spec.Seed, 0x7469657270))
	if spec.Turns == 0 {
		spec.Turns = 30
	}
	if spec.Projects == 0 {
		spec.Projects = 4
	}
	if spec.Start.IsZero() {
		spec.Start = time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	}
	if spec.Days == 0 {
		spec.Days = max(2, (spec.Sessions+2)/3)
	}
	var files []historyFile
	for i := 0; i < spec.Sessions; i++ {
		project := fmt.Sprintf("/home/dev/project-%d", i%spec.Projects)
		if i >= spec.Projects {
			project = fmt.Sprintf("/home/dev/project-%d", rng.IntN(spec.Projects))
		}
		g := &genSession{rng: rng, cwd: project, subs: map[string][]string{}}
		g.id = g.uuid()
		g.dir = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return '-'
		}, project)
		g.version, g.breakout = "2.0.31", true
		if rng.IntN(12) == 0 {
			g.version, g.breakout = "1.0.51", false
		}
		g.ttl = 5 * time.Minute
		if rng.IntN(2) == 0 {
			g.ttl = time.Hour
		}
		g.model = historyModels[[]int{0, 0, 0, 0, 0, 1, 1, 1, 2, 2}[rng.IntN(10)]]
		g.sys, g.compact = int64(13000+rng.IntN(11000)), int64(150000+rng.IntN(15000))
		g.now = spec.Start.Add(time.Duration(rng.IntN(spec.Days))*24*time.Hour + time.Duration(7*3600+rng.IntN(15*3600))*time.Second)
		g.run(spec.Turns, 0.05, 0.06)
		files = append(files, historyFile{Path: filepath.Join(g.dir, g.id+".jsonl"), Lines: g.main, End: g.now})
		for _, agent := range g.subOrder {
			files = append(files, historyFile{Path: filepath.Join(g.dir, g.id, "subagents", "agent-"+agent+".jsonl"), Lines: g.subs[agent], End: g.now})
		}
	}
	return files
}

// writeHistory writes files under dir/projects, each modified at the time
// of its last line, and returns the bytes written.
func writeHistory(dir string, files []historyFile) (int64, error) {
	var written int64
	for _, f := range files {
		path := filepath.Join(dir, "projects", f.Path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, err
		}
		out, err := os.Create(path)
		if err != nil {
			return written, err
		}
		w := bufio.NewWriter(out)
		for _, l := range f.Lines {
			n, _ := w.WriteString(l + "\n")
			written += int64(n)
		}
		if err := w.Flush(); err != nil {
			return written, err
		}
		if err := out.Close(); err != nil {
			return written, err
		}
		if err := os.Chtimes(path, f.End, f.End); err != nil {
			return written, err
		}
	}
	return written, nil
}

// The benchmark history, written by one command:
//
//	go test ./planner/usage -run TestWriteHistory -args -write-history /tmp/history -sessions 800
//
// -sessions 800 gives the 133 MB history of the README's Benchmarks section.
//
// and a session of it grown by 20 calls (new message ids, times after the
// history's last), for the appended run:
//
//	go test ./planner/usage -run TestWriteHistory -args -append-calls FILE -calls 20
var (
	writeHistoryTo  = flag.String("write-history", "", "write a generated Claude Code history (a config directory) to this directory")
	historySessions = flag.Int("sessions", 800, "sessions of the history -write-history writes")
	historySeed     = flag.Uint64("seed", 1, "seed of the history -write-history writes")
	appendCallsTo   = flag.String("append-calls", "", "append -calls new assistant calls to this transcript")
	appendCalls     = flag.Int("calls", 20, "calls -append-calls appends")
)

func TestWriteHistory(t *testing.T) {
	if *appendCallsTo != "" {
		appendNewCalls(t, *appendCallsTo, *appendCalls)
		return
	}
	if *writeHistoryTo == "" {
		t.Skip("only with -write-history DIR or -append-calls FILE")
	}
	files := generateHistory(historySpec{Seed: *historySeed, Sessions: *historySessions})
	n, err := writeHistory(*writeHistoryTo, files)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d files, %d bytes to %s", len(files), n, *writeHistoryTo)
}

// appendNewCalls appends n assistant calls to the transcript at path: a
// generated session's, dated 2027 (after any generated history), each with
// a message id no earlier run used.
func appendNewCalls(t testing.TB, path string, n int) {
	lines := generateHistory(historySpec{Seed: 99, Sessions: 1, Turns: 60, Start: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Days: 1})[0].Lines
	nonce := time.Now().UnixNano()
	var out []byte
	for i, l := range lines {
		if n == 0 {
			break
		}
		if strings.Contains(l, `"type":"assistant"`) {
			out = append(append(out, strings.ReplaceAll(l, `"msg_01`, fmt.Sprintf(`"msg_%x%04d`, nonce, i))...), '\n')
			n--
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(out); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// tempDirOutsideTest is a directory that outlives one benchmark function,
// removed by TestMain.
func tempDirOutsideTest() (string, error) {
	dir, err := os.MkdirTemp("", "tierplan-history-")
	if err == nil {
		tempDirs = append(tempDirs, dir)
	}
	return dir, err
}

var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
