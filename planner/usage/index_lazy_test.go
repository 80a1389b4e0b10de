package usage

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// The calls and the reply table are read from the index file only when a
// read needs them. When they cannot be (damaged, or the file replaced by
// another run since it was loaded), the read goes on without the index,
// reading every transcript: the report is still the cold one, the calls
// asked for later are too, and the index is built again.
func TestIndexUnreadableSectionsFallBack(t *testing.T) {
	spec := &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 5}}
	for _, damage := range []string{"calls", "replies", "replaced"} {
		t.Run(damage, func(t *testing.T) {
			dir, cache, _ := indexedHistory(t)
			ReadPaths(OSFileSystem{}, []string{dir}, Options{Index: mustOpen(t, cache, dir), Report: spec, Now: time.Now()})
			files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
			ix := mustOpen(t, cache, dir)
			good, _ := os.ReadFile(ix.Path())
			switch damage {
			case "replaced": // another run saved since
				other := mustOpen(t, cache, dir)
				other.dirty = true
				if err := other.Save(); err != nil {
					t.Fatal(err)
				}
			default:
				at := sectionStart(t, good, map[string]int{"calls": secCalls, "replies": secReplies}[damage])
				os.WriteFile(ix.Path(), flip(good, at+1), 0o600)
			}
			// Nothing changed: the kept report serves, the sections are not
			// needed; the calls, asked for, come from the transcripts.
			warm, _ := ReadPaths(OSFileSystem{}, []string{dir}, Options{Index: ix, Report: spec, Now: time.Now()})
			cold := Read(OSFileSystem{}, files, Options{})
			if c, w := reportJSONWith(t, cold, spec.Table, spec.Options), reportJSONWith(t, warm, spec.Table, spec.Options); c != w {
				t.Fatalf("report: %s", firstDiff(c, w))
			}
			if len(warm.Entries()) != len(cold.Entries()) {
				t.Fatalf("%d calls, want %d", len(warm.Entries()), len(cold.Entries()))
			}
			// A file grew: the read needs the sections, finds them
			// unreadable, and reads every file again.
			appendLines(t, files[0].Path, usageLine("late", "5"))
			ix = mustOpen(t, cache, dir)
			if damage == "replaced" {
				mustOpen(t, cache, dir).Save() // nothing to save: the file stays
				other := mustOpen(t, cache, dir)
				other.dirty = true
				other.Save()
			}
			readBoth(t, dir, ix, "a read with the index's calls unreadable")
			if err := ix.Save(); err != nil {
				t.Fatal(err)
			}
			if _, note := OpenIndex(cache, []string{dir}); note != "" {
				t.Fatal(note)
			}
		})
	}
}

func mustOpen(t *testing.T, cache, dir string) *Index {
	t.Helper()
	ix, note := OpenIndex(cache, []string{dir})
	if note != "" {
		t.Fatal(note)
	}
	return ix
}

// sectionStart is where section i of an index file starts.
func sectionStart(t *testing.T, b []byte, i int) int {
	dir, err := binfmt.ReadDirectory(bytes.NewReader(b), int64(len(b)), indexMagic, indexVersion, sectionCount)
	if err != nil {
		t.Fatal(err)
	}
	return int(dir.Offset(i))
}

func appendLines(t *testing.T, path string, lines ...string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(strings.Join(lines, "\n") + "\n")
}
