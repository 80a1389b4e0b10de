package usage

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// totalsJSON is what a report says about usage, without the counts of
// files, bytes and lines read (an export is one more file, with no lines).
func totalsJSON(t *testing.T, data *Data) string {
	t.Helper()
	r := BuildReport(data, testTable(), ReportOptions{Top: 5})
	b, err := json.MarshalIndent(struct {
		Totals    Sum
		Days      []DayRow
		Sessions  []SessionRow
		Projects  []ProjectRow
		Models    []ModelRow
		Blocks    []BlockRow
		LimitHits []LimitHit
		Peaks     Peaks
	}{r.Totals, r.Days, r.Sessions, r.Projects, r.Models, r.Blocks, r.LimitHits, r.Peaks}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readPaths(t *testing.T, paths ...string) *Data {
	t.Helper()
	files, problems, err := FindFiles(OSFileSystem{}, paths)
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %+v", err, problems)
	}
	data := Read(OSFileSystem{}, files, Options{})
	if len(data.Problems) != 0 {
		t.Fatalf("problems %+v", data.Problems)
	}
	return data
}

func writeExportFile(t *testing.T, path string, data *Data) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteExport(&buf, data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// An export read with the logs it came from changes nothing; two machines'
// exports that share some sessions (one history synced to both) add up to
// the whole history, each call once; an export holds no message text.
func TestExportMergedWithItsLogsChangesNothing(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	files := generateHistory(historySpec{Seed: 11, Sessions: 9, Turns: 6})
	if _, err := writeHistory(dir, files); err != nil {
		t.Fatal(err)
	}
	whole := readPaths(t, dir)
	export := filepath.Join(out, "all.tpu")
	writeExportFile(t, export, whole)
	if got, want := totalsJSON(t, readPaths(t, dir, export)), totalsJSON(t, whole); got != want {
		t.Fatalf("logs + their export:\n%s", firstDiff(want, got))
	}
	if got, want := totalsJSON(t, readPaths(t, export)), totalsJSON(t, whole); got != want {
		t.Fatalf("the export alone:\n%s", firstDiff(want, got))
	}
	b, _ := os.ReadFile(export)
	for _, text := range []string{"Let me look at that", "Done. Summary", "msg_01", "req_011C"} {
		if bytes.Contains(b, []byte(text)) {
			t.Fatalf("the export holds %q", text)
		}
	}

	// Machine A has the first six sessions, machine B the last six.
	a, b2 := t.TempDir(), t.TempDir()
	cut := func(from, to int) []historyFile {
		var sessions []string
		var out []historyFile
		for _, f := range files {
			id := strings.SplitN(filepath.Base(f.Path), ".", 2)[0]
			if !strings.Contains(f.Path, "subagents") {
				sessions = append(sessions, id)
			}
			if n := len(sessions); n > from && n <= to {
				out = append(out, f)
			}
		}
		return out
	}
	writeHistory(a, cut(0, 6))
	writeHistory(b2, cut(3, 9))
	writeExportFile(t, filepath.Join(out, "a.tpu"), readPaths(t, a))
	writeExportFile(t, filepath.Join(out, "b.tpu"), readPaths(t, b2))
	if got, want := totalsJSON(t, readPaths(t, filepath.Join(out, "a.tpu"), filepath.Join(out, "b.tpu"))), totalsJSON(t, whole); got != want {
		t.Fatalf("two machines' exports:\n%s", firstDiff(want, got))
	}
}

// A damaged export is one problem line, not a crash or a silent zero.
func TestExportDamagedIsAProblem(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.tpu")
	writeExportFile(t, p, DataOf([]Entry{{SessionID: "s", Model: "m", Tokens: Tokens{Input: 5}}}, nil))
	b, _ := os.ReadFile(p)
	for name, content := range map[string][]byte{"truncated": b[:len(b)-3], "flipped": flip(b, len(b)-10), "magic only": []byte(exportMagic)} {
		os.WriteFile(p, content, 0o644)
		files, _, _ := FindFiles(OSFileSystem{}, []string{p})
		data := Read(OSFileSystem{}, files, Options{})
		if len(data.Entries()) != 0 || len(data.Problems) != 1 || !strings.Contains(data.Problems[0].What, "not a readable tierplan export") {
			t.Fatalf("%s: %+v %+v", name, data.Entries(), data.Problems)
		}
	}
}

// FuzzReadExport: whatever the bytes after the magic, reading an export
// never panics and never yields a negative count.
func FuzzReadExport(f *testing.F) {
	var buf bytes.Buffer
	WriteExport(&buf, DataOf([]Entry{{SessionID: "s", Model: "m", Tokens: Tokens{Input: 5, Output: 2}, id: makeResponseID([]byte("a"), []byte("b"))}},
		[]LimitHit{{SessionID: "s", Kind: "usage", Message: "limit"}}))
	f.Add(buf.Bytes())
	f.Add([]byte(exportMagic + "\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res := readExportFile(io.NewSectionReader(bytes.NewReader(b), 0, int64(len(b))), LogFile{Path: "x"}, &fileResult{}, time.Time{})
		for _, e := range res.entries {
			if e.Tokens.Input < 0 || e.Tokens.Output < 0 || e.Tokens.CacheRead < 0 || e.Tokens.CacheWrite5m < 0 || e.Tokens.CacheWrite1h < 0 || e.WebSearches < 0 {
				t.Fatalf("negative %+v", e)
			}
		}
	})
}

// Exports of version 1 (the same encoding) still read; a version this
// tierplan does not know, or a time no line can carry, is a problem.
func TestExportVersionsAndTimes(t *testing.T) {
	at := time.Date(2025, 11, 4, 9, 0, 0, 0, time.UTC)
	exportHit := func(version uint64, when, reset time.Time) []byte {
		e := binfmt.NewEncoder()
		encodeEntries(e, []Entry{{Time: when, SessionID: "s", Model: "m", Tokens: Tokens{Input: 5}}})
		encodeHits(e, []LimitHit{{Time: at, SessionID: "s", Kind: "usage", ResetAt: reset}})
		return binfmt.Frame(exportMagic, version, e)
	}
	export := func(version uint64, when time.Time) []byte { return exportHit(version, when, at) }
	read := func(b []byte) *fileResult {
		return readExportFile(bytes.NewReader(b), LogFile{Path: "x"}, &fileResult{}, time.Time{})
	}
	for _, v := range []uint64{exportVersionV1, exportVersion} {
		if res := read(export(v, at)); res.stats.Err != "" || len(res.entries) != 1 || !res.entries[0].Time.Equal(at) {
			t.Fatalf("version %d: %q %+v", v, res.stats.Err, res.entries)
		}
	}
	bad := map[string][]byte{
		"version 3":       export(3, at),
		"year 9999":       export(exportVersion, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)),
		"year -9999":      export(exportVersion, time.Date(-9999, 1, 1, 0, 0, 0, 0, time.UTC)),
		"v1 in year 9999": export(exportVersionV1, time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC)),
		"reset in 9999":   exportHit(exportVersion, at, time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC)),
	}
	for name, b := range bad {
		if res := read(b); !strings.Contains(res.stats.Err, "not a readable tierplan export") || res.entries != nil {
			t.Errorf("%s: %q %+v", name, res.stats.Err, res.entries)
		}
	}
}
