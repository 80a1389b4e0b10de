package usage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// deltaHistory is a small history with its index saved whole, and the
// session file that grows.
func deltaHistory(t *testing.T) (dir, cache, grows string) {
	t.Helper()
	dir, cache = t.TempDir(), t.TempDir()
	files := generateHistory(historySpec{Seed: 3, Sessions: 60, Turns: 10})
	if _, err := writeHistory(dir, files); err != nil {
		t.Fatal(err)
	}
	smallest := 0 // the smallest main session grows: its block is all a delta holds of it
	for i, f := range files {
		if filepath.Base(filepath.Dir(f.Path)) != "subagents" && len(f.Lines) < len(files[smallest].Lines) {
			smallest = i
		}
	}
	ix, note := OpenIndex(cache, []string{dir})
	if note != "" {
		t.Fatal(note)
	}
	readBoth(t, dir, ix, "the first read")
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	return dir, cache, filepath.Join(dir, "projects", files[smallest].Path)
}

// growAndSave appends calls to a session, reads through a reloaded index
// (checked against a cold read) and saves it.
func growAndSave(t *testing.T, dir, cache, grows string, calls int, what string) *Index {
	t.Helper()
	appendNewCalls(t, grows, calls)
	ix, note := OpenIndex(cache, []string{dir})
	if note != "" {
		t.Fatal(note)
	}
	readBoth(t, dir, ix, what)
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	return ix
}

// After a session grows, the save writes a delta and leaves the index file
// as it was; the next load applies it (the reports are a cold read's);
// once deltas outgrow a quarter of the index, the index is written whole
// and the delta removed.
func TestIndexGrowthSavesADelta(t *testing.T) {
	dir, cache, grows := deltaHistory(t)
	ix, _ := OpenIndex(cache, []string{dir})
	base, err := os.ReadFile(ix.path)
	if err != nil {
		t.Fatal(err)
	}
	ix = growAndSave(t, dir, cache, grows, 5, "five calls appended")
	if after, _ := os.ReadFile(ix.path); !bytes.Equal(after, base) {
		t.Fatal("the index file was rewritten for five new calls")
	}
	delta, err := os.Stat(ix.deltaPath())
	if err != nil {
		t.Fatal("no delta written:", err)
	}
	if delta.Size()*4 > int64(len(base)) {
		t.Errorf("a delta of %d bytes for five calls, against an index of %d", delta.Size(), len(base))
	}
	reloaded, _ := OpenIndex(cache, []string{dir})
	if len(reloaded.edits) == 0 || len(reloaded.deltaStates()) != 1 {
		t.Errorf("the delta was not applied: %d edits, %d states", len(reloaded.edits), len(reloaded.deltaStates()))
	}
	readBoth(t, dir, reloaded, "reloaded with the delta")
	for round := 0; round < 40; round++ {
		growAndSave(t, dir, cache, grows, 40, "forty calls appended")
		if _, err := os.Stat(ix.deltaPath()); err != nil {
			after, _ := os.ReadFile(ix.path)
			if bytes.Equal(after, base) {
				t.Fatal("the delta is gone but the index was not written whole")
			}
			return // the deltas outgrew their base: written whole
		}
	}
	t.Fatal("forty growths and the delta never outgrew a quarter of the index")
}

// A delta is ignored when it was written against another index file, or
// is damaged: the reads are a cold read's, as if it had never been written.
func TestIndexIgnoresAStaleOrDamagedDelta(t *testing.T) {
	dir, cache, grows := deltaHistory(t)
	ix := growAndSave(t, dir, cache, grows, 5, "five calls appended")
	old, err := os.ReadFile(ix.deltaPath())
	if err != nil {
		t.Fatal(err)
	}
	// A file removed merges from scratch: the index is written whole,
	// and the old delta, put back, belongs to no index.
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	if err := os.Remove(files[len(files)-1].Path); err != nil {
		t.Fatal(err)
	}
	ix, _ = OpenIndex(cache, []string{dir})
	readBoth(t, dir, ix, "a file removed")
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ix.deltaPath()); err == nil {
		t.Fatal("a whole save left the delta")
	}
	damaged := func(b []byte) []byte { c := bytes.Clone(b); c[len(c)/2] ^= 0x40; return c }
	for name, b := range map[string][]byte{"stale": old, "damaged": damaged(old), "cut short": old[:len(old)/2], "empty": nil, "not a delta": []byte("{}\n")} {
		if err := os.WriteFile(ix.deltaPath(), b, 0o600); err != nil {
			t.Fatal(err)
		}
		reloaded, note := OpenIndex(cache, []string{dir})
		if note != "" {
			t.Fatalf("%s delta: %s", name, note)
		}
		if len(reloaded.edits) != 0 || len(reloaded.deltaStates()) != 0 {
			t.Errorf("%s delta applied", name)
		}
		readBoth(t, dir, reloaded, name+" delta")
	}
}

// deltaSeed is a delta saved against the index in cache after a session
// grew, for FuzzDecodeIndex: removed from the cache, so each input is
// applied to the index alone.
func deltaSeed(f *testing.F, dir, cache, grows string, spec *ReportSpec) []byte {
	appendNewCalls(f, grows, 3)
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	ix, _ := OpenIndex(cache, []string{dir})
	Read(OSFileSystem{}, files, Options{Index: ix, Report: spec, Now: time.Now()})
	defer func(share int64) { deltaShare = share }(deltaShare)
	deltaShare = 1 // a history this small has a delta above a quarter of it
	if err := ix.Save(); err != nil {
		f.Fatal(err)
	}
	delta, err := os.ReadFile(ix.deltaPath())
	if err != nil {
		f.Fatal("no delta written:", err)
	}
	os.Remove(ix.deltaPath())
	base, _ := OpenIndex(cache, []string{dir})
	if parts, err := binfmt.ReadSections(deltaMagic, deltaVersion, deltaSections, delta); err != nil || base.applyDelta(parts) != nil {
		f.Fatal("the delta saved does not apply to its index")
	}
	return delta
}

// useDelta applies a delta held in b to the base index in cache and uses
// all of it: the calls of every file, the merged result, every kept
// report, and both saves.
func useDelta(t *testing.T, b []byte, cache, dir string, files []LogFile, spec *ReportSpec) {
	ix, note := OpenIndex(cache, []string{dir})
	if note != "" {
		t.Fatal(note)
	}
	parts, err := binfmt.ReadSections(deltaMagic, deltaVersion, deltaSections, b)
	if err != nil || ix.applyDelta(parts) != nil || ix.load() != nil {
		return
	}
	for _, s := range ix.files {
		s.list()
	}
	ix.view(files).merged()
	for _, st := range ix.reports {
		st.report(spec, nil)
	}
	ix.encodeDelta()
	ix.write(&memFile{})
}

// A loaded state whose block does not decode (a forged or damaged cache
// whose checksums hold) lists no entries, and its length says so: the
// merges index a state's list by its length.
func TestStateThatDoesNotDecodeIsEmpty(t *testing.T) {
	for name, block := range map[string][]byte{"cut short": {5, 0xff}, "fewer than counted": {0}} {
		s := &fileState{count: 5, block: &callsBlock{src: loadedSource("", block), to: len(block)}}
		if n := len(s.list()); n != 0 || s.len() != 0 {
			t.Errorf("%s: %d entries listed, len %d", name, n, s.len())
		}
	}
}
