package usage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// reportJSONWith is the report of data as `usage -o json` prints it.
func reportJSONWith(t *testing.T, data *Data, table *tiers.Table, opt ReportOptions) string {
	t.Helper()
	r := BuildReport(data, table, opt)
	// The period sums and the calls of the last 5-hour block (what a
	// status line asks) are compared too.
	var recent []Entry
	if n := len(r.Blocks); n > 0 {
		recent = data.EntriesFrom(r.Blocks[n-1].Start)
	}
	b, err := json.MarshalIndent(struct {
		Report
		Periods [][]PeriodRow
		Recent  []string
	}{r, r.Periods, entryLines(recent)}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readBoth reads dir cold and through ix (discovery through its listings,
// the report asked of the read when spec is set), and fails unless the
// reports are byte for byte the same; when the index holds the read, its
// merge must be the one a merge from scratch gives.
func readBoth(t *testing.T, dir string, ix *Index, what string) *Data {
	t.Helper()
	return readBothWith(t, dir, ix, what, readCase{spec: &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 5}}})
}

// readCase is how a read of the randomised tests is asked.
type readCase struct {
	spec         *ReportSpec // nil: the report is built after the read
	since, until time.Time
}

func readBothWith(t *testing.T, dir string, ix *Index, what string, rc readCase) *Data {
	t.Helper()
	files, _, err := FindFiles(OSFileSystem{}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	opt, table := ReportOptions{Top: 5}, testTable()
	if rc.spec != nil {
		opt, table = rc.spec.Options, rc.spec.Table
	}
	cold := Read(OSFileSystem{}, files, Options{Workers: 2, Since: rc.since, Until: rc.until})
	warm, err := ReadPaths(OSFileSystem{}, []string{dir}, Options{Workers: 2, Index: ix, Now: time.Now(), Report: rc.spec, Since: rc.since, Until: rc.until})
	if err != nil {
		t.Fatal(err)
	}
	if c, w := reportJSONWith(t, cold, table, opt), reportJSONWith(t, warm, table, opt); c != w {
		t.Fatalf("after %s the index reads differently:\n%s", what, firstDiff(c, w))
	}
	checkMerge(t, ix, files, what)
	return warm
}

// checkMerge fails unless the index's reply table and counts are those
// of a merge from scratch of the files it holds.
func checkMerge(t *testing.T, ix *Index, files []LogFile, what string) {
	t.Helper()
	if err := ix.load(); err != nil { // a read that changed nothing never needed the table
		t.Fatalf("after %s the index's sections cannot be read: %v", what, err)
	}
	m := newMerger(0)
	for _, f := range files {
		if s := ix.files[f.Path]; s != nil {
			m.add(s.fid, s.list())
		}
	}
	replays := m.dropReplays()
	if !bytes.Equal(m.table(), ix.replies) || m.duplicates != ix.duplicates || replays != ix.replays {
		t.Fatalf("after %s the index's merge differs from a merge from scratch (duplicates %d/%d, replays %d/%d)",
			what, ix.duplicates, m.duplicates, ix.replays, replays)
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: cold %q, index %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("cold has %d lines, index %d", len(la), len(lb))
}

// historyMutator changes a written history the ways real ones change.
type historyMutator struct {
	t     *testing.T
	rng   *rand.Rand
	dir   string
	pool  []byte // valid lines from another history, to append
	next  int
	mtime time.Time // the last modification time given
	added int
}

func (m *historyMutator) files() []string {
	var out []string
	filepath.WalkDir(m.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".jsonl") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// mutate applies one random change and says which.
func (m *historyMutator) mutate() string {
	files := m.files()
	if len(files) == 0 {
		return m.add()
	}
	p := files[m.rng.IntN(len(files))]
	b, err := os.ReadFile(p)
	if err != nil {
		m.t.Fatal(err)
	}
	switch m.rng.IntN(9) {
	case 0, 1: // appended: whole lines, or a cut that leaves a line unfinished
		chunk := m.chunk(m.rng.IntN(2) == 0)
		m.write(p, append(b, chunk...), false)
		return fmt.Sprintf("appending %d bytes to %s", len(chunk), p)
	case 2: // truncated anywhere
		n := m.rng.IntN(len(b) + 1)
		m.write(p, b[:n], false)
		return fmt.Sprintf("truncating %s to %d bytes", p, n)
	case 3: // replaced by another file (a new inode), or rewritten in place
		inPlace := m.rng.IntN(2) == 0
		m.write(p, m.chunk(true), !inPlace)
		return "replacing " + p
	case 4:
		if err := os.Remove(p); err != nil {
			m.t.Fatal(err)
		}
		return "deleting " + p
	case 5:
		return m.add()
	case 6: // the same size, a byte changed near the start or before the end
		if len(b) == 0 {
			return "nothing"
		}
		i := m.rng.IntN(min(len(b), 64))
		if m.rng.IntN(2) == 0 {
			i = len(b) - 1 - i
		}
		c := append([]byte(nil), b...)
		c[i] = '#'
		m.write(p, c, false)
		return fmt.Sprintf("changing byte %d of %s", i, p)
	case 7: // only touched
		m.write(p, b, false)
		return "touching " + p
	}
	// completed: an unfinished last line gets the rest of a line
	m.write(p, append(b, m.chunk(true)...), false)
	return "appending to " + p
}

// chunk is the next piece of the pool: whole lines, or cut anywhere.
func (m *historyMutator) chunk(whole bool) []byte {
	if m.next >= len(m.pool) {
		m.next = 0
	}
	end := min(len(m.pool), m.next+1+m.rng.IntN(20000))
	if whole {
		if i := bytes.IndexByte(m.pool[end-1:], '\n'); i >= 0 {
			end += i
		} else {
			end = len(m.pool)
		}
	}
	c := m.pool[m.next:end]
	m.next = end
	return c
}

func (m *historyMutator) add() string {
	p := filepath.Join(m.dir, "projects", "-home-dev-new", fmt.Sprintf("added-%d.jsonl", m.rng.IntN(1000)))
	m.write(p, m.chunk(true), false)
	return "adding " + p
}

// write writes content to p, in place or as a new file renamed over it.
func (m *historyMutator) write(p string, content []byte, rename bool) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		m.t.Fatal(err)
	}
	target := p
	if rename {
		target = p + ".tmp"
	}
	if err := os.WriteFile(target, content, 0o644); err != nil {
		m.t.Fatal(err)
	}
	if rename {
		if err := os.Rename(target, p); err != nil {
			m.t.Fatal(err)
		}
	}
	// Each write gets a modification time of its own, well in the past:
	// two writes within one tick of the file system's clock keep one time,
	// and a read trusts only times a while back.
	m.mtime = m.mtime.Add(3 * time.Second)
	if err := os.Chtimes(p, m.mtime, m.mtime); err != nil {
		m.t.Fatal(err)
	}
}

func poolOf(spec historySpec) []byte {
	var b bytes.Buffer
	for _, f := range generateHistory(spec) {
		for _, l := range f.Lines {
			b.WriteString(l + "\n")
		}
	}
	return b.Bytes()
}

// entryLines prints calls, one a line, for comparing.
func entryLines(list []Entry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = fmt.Sprintf("%+v", e)
	}
	return out
}
