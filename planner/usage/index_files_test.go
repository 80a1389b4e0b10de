package usage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// indexedHistory writes a small history and returns it with a cache
// directory and an index already saved there.
func indexedHistory(t *testing.T) (dir, cache string, ix *Index) {
	t.Helper()
	dir, cache = t.TempDir(), t.TempDir()
	if _, err := writeHistory(dir, generateHistory(historySpec{Seed: 5, Sessions: 5, Turns: 5})); err != nil {
		t.Fatal(err)
	}
	ix, _ = OpenIndex(cache, []string{dir})
	readBoth(t, dir, ix, "the first read")
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	return dir, cache, ix
}

// A corrupt, truncated, foreign, old-version or other-paths index is
// rebuilt: the read is the same as a cold one, the note says why, and the
// next open finds a good index.
func TestIndexCorruptIsRebuilt(t *testing.T) {
	dir, cache, ix := indexedHistory(t)
	good, err := os.ReadFile(ix.Path())
	if err != nil {
		t.Fatal(err)
	}
	other := encodeIndexFile(&Index{key: "/somewhere/else", files: map[string]*fileState{}})
	oldVersion := bytes.Replace(good, []byte(indexMagic+string(rune(indexVersion))), []byte(indexMagic+string(rune(indexVersion-1))), 1)
	for name, content := range map[string][]byte{
		"garbage":        []byte("not an index at all"),
		"empty":          {},
		"truncated":      good[:len(good)/2],
		"flipped byte":   flip(good, sectionStart(t, good, secFiles)+1),
		"other paths":    other,
		"another format": oldVersion,
		"export":         binfmt.Frame(exportMagic, exportVersion, binfmt.NewEncoder()),
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(ix.Path(), content, 0o600); err != nil {
				t.Fatal(err)
			}
			reopened, note := OpenIndex(cache, []string{dir})
			if note == "" || !strings.Contains(note, "rebuilt") {
				t.Fatalf("note %q", note)
			}
			readBoth(t, dir, reopened, "a "+name+" index")
			if err := reopened.Save(); err != nil {
				t.Fatal(err)
			}
			if _, note := OpenIndex(cache, []string{dir}); note != "" {
				t.Fatalf("after the rebuild: %s", note)
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x40
	return c
}

// Runs at the same time, each reading a changing history through the same
// index file and saving it, never leave an index that does not load or
// reads differently from a cold read.
func TestIndexConcurrentRuns(t *testing.T) {
	dir, cache, _ := indexedHistory(t)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				ix, note := OpenIndex(cache, []string{dir})
				if note != "" {
					errs <- note
					return
				}
				files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
				Read(OSFileSystem{}, files, Options{Index: ix})
				if err := ix.Save(); err != nil {
					errs <- err.Error()
					return
				}
			}
		}()
	}
	p := filepath.Join(dir, "projects", "-home-dev-extra", "grow.jsonl")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	wg.Add(1)
	go func() { // the session being written meanwhile
		defer wg.Done()
		for i := 0; i < 200; i++ {
			f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err != nil {
				errs <- err.Error()
				return
			}
			f.WriteString(usageLine(strings.Repeat("g", i%50+1)+fmt.Sprint(i), "3") + "\n")
			f.Close()
		}
	}()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	ix, note := OpenIndex(cache, []string{dir})
	if note != "" {
		t.Fatal(note)
	}
	readBoth(t, dir, ix, "concurrent runs")
}

// Changes tells what differs from the sizes and times alone.
func TestIndexChanges(t *testing.T) {
	dir, cache, _ := indexedHistory(t)
	ix, _ := OpenIndex(cache, []string{dir})
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	if c := ix.Changes(files); !c.Empty() {
		t.Fatalf("nothing changed, got %+v", c)
	}
	grown, gone := files[0].Path, files[1].Path
	f, _ := os.OpenFile(grown, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(usageLine("x", "1") + "\n")
	f.Close()
	os.Remove(gone)
	added := filepath.Join(dir, "projects", "p", "new.jsonl")
	writeFile(t, added, usageLine("y", "1")+"\n")
	files, _, _ = FindFiles(OSFileSystem{}, []string{dir})
	c := ix.Changes(files)
	if len(c.Grown) != 1 || c.Grown[0] != grown || len(c.Removed) != 1 || c.Removed[0] != gone || len(c.Added) != 1 || c.Added[0] != added || len(c.Replaced) != 0 {
		t.Fatalf("changes %+v", c)
	}
}

// Saving an index copies the blocks of files that did not change, with the
// loaded string table, and appends new strings: a session with new ids
// appended to one file reads back the same after a save and a reload.
func TestIndexSavedAgainReadsBack(t *testing.T) {
	dir, cache, _ := indexedHistory(t)
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	lines := generateHistory(historySpec{Seed: 77, Sessions: 1, Turns: 4})[0].Lines
	f, err := os.OpenFile(files[2].Path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Join(lines, "\n") + "\n")
	f.Close()
	for round := 0; round < 2; round++ {
		ix, note := OpenIndex(cache, []string{dir})
		if note != "" {
			t.Fatal(note)
		}
		readBoth(t, dir, ix, fmt.Sprintf("round %d", round))
		if err := ix.Save(); err != nil {
			t.Fatal(err)
		}
	}
}

// encodeIndexFile is the file Save writes for ix.
func encodeIndexFile(ix *Index) []byte {
	var m memFile
	if err := ix.write(&m); err != nil {
		panic(err)
	}
	return m.b
}

// memFile is a file in memory, to write an index to.
type memFile struct {
	b  []byte
	at int64
}

func (m *memFile) Write(p []byte) (int, error) {
	if need := m.at + int64(len(p)); need > int64(len(m.b)) {
		m.b = append(m.b, make([]byte, need-int64(len(m.b)))...)
	}
	copy(m.b[m.at:], p)
	m.at += int64(len(p))
	return len(p), nil
}

func (m *memFile) Seek(off int64, whence int) (int64, error) {
	m.at = off // whence is io.SeekStart
	return off, nil
}

// FuzzDecodeIndex: an index file and its delta are outside input
// (anything may write to a cache directory). Whatever its bytes, loading
// an input as an index, or applying it as a delta to a good index, and
// using every part of the result never panics; it is used only when the
// checksums hold.
func FuzzDecodeIndex(f *testing.F) {
	dir, cache := f.TempDir(), f.TempDir()
	history := generateHistory(historySpec{Seed: 5, Sessions: 2, Turns: 3})
	writeHistory(dir, history)
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	ix, _ := OpenIndex(cache, []string{dir})
	spec := &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	Read(OSFileSystem{}, files, Options{Index: ix, Report: spec})
	ix.Save()
	good, err := os.ReadFile(ix.Path())
	if err != nil {
		f.Fatal(err)
	}
	delta := deltaSeed(f, dir, cache, filepath.Join(dir, "projects", history[0].Path), spec)
	files, _, _ = FindFiles(OSFileSystem{}, []string{dir})
	for _, seed := range [][]byte{good, flip(good, len(good)/2), []byte(indexMagic), delta, flip(delta, len(delta)/2), []byte(deltaMagic)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		useIndex(b, ix.key, files)
		// A body that holds together also decodes with fresh checksums.
		useIndex(resummed(b, indexMagic, indexVersion, sectionCount), ix.key, files)
		useDelta(t, b, cache, dir, files, spec)
		useDelta(t, resummed(b, deltaMagic, deltaVersion, deltaSections), cache, dir, files, spec)
	})
}

// useIndex decodes an index file held in b and uses all of it: the calls
// of every file, the merged result, every kept report.
func useIndex(b []byte, key string, files []LogFile) {
	r := bytes.NewReader(b)
	dir, err := binfmt.ReadDirectory(r, int64(len(b)), indexMagic, indexVersion, sectionCount)
	if err != nil {
		return
	}
	body := make([][]byte, sectionCount)
	for i := range body {
		part, err := dir.Load(r, i)
		if err != nil {
			return
		}
		body[i] = part[0]
	}
	ix := NewIndex()
	ix.key = key
	ix.src = loadedSource("", body[secCalls])
	ix.src.replies = body[secReplies]
	if ix.decode(body, len(body[secCalls])) != nil || ix.load() != nil {
		return
	}
	for _, s := range ix.files {
		s.list()
	}
	ix.view(files).merged()
	for _, st := range ix.reports {
		st.report(&ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}, nil)
	}
	ix.write(&memFile{})
}

// resummed rewrites the checksums of a sectioned file's directory and
// sections to match their bytes: b's sections where its directory puts
// them, checked or not, written again in order.
func resummed(b []byte, magic string, version uint64, sections int) []byte {
	r := bytes.NewReader(b)
	dir, err := binfmt.ReadDirectory(r, int64(len(b)), magic, version, sections)
	if err != nil {
		return b
	}
	parts := make([][]byte, sections)
	for i := range parts {
		parts[i] = b[dir.Offset(i) : dir.Offset(i)+dir.Size(i)]
	}
	var out bytes.Buffer
	binfmt.WriteSections(&out, magic, version, parts)
	return out.Bytes()
}
