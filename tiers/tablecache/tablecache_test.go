package tablecache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cespare/xxhash/v2"
	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

var embedded = tiers.Source{Reason: "embedded default"}

// withProgram makes the running program id for the test.
func withProgram(t *testing.T, id string) {
	t.Helper()
	before := programIdentity
	programIdentity = func() string { return id }
	t.Cleanup(func() { programIdentity = before })
}

func parsed(t *testing.T, src tiers.Source) *tiers.Table {
	t.Helper()
	want, err := tiers.Load(src, tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// Every table shipped comes back from its kept copy as parsed, field for
// field (gob keeps no difference between the two).
func TestKeptCopyIsTheParsedTable(t *testing.T) {
	withProgram(t, "build 1")
	sources := []tiers.Source{embedded}
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(examples) == 0 {
		t.Fatal("no example tables")
	}
	for _, p := range examples {
		sources = append(sources, tiers.Source{Path: p, Reason: "--tiers"})
	}
	for _, src := range sources {
		dir := t.TempDir()
		want := parsed(t, src)
		first, err := Load(src, tierplan.DefaultTiers, dir)
		if err != nil || !reflect.DeepEqual(first, want) {
			t.Fatalf("%s: first load %v", src, err)
		}
		if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
			t.Fatalf("%s: no copy kept: %v", src, err)
		}
		again, err := Load(src, tierplan.DefaultTiers, dir)
		if err != nil || !reflect.DeepEqual(again, want) {
			t.Errorf("%s: the kept copy differs from the parsed table (%v)", src, err)
		}
	}
}

// plant keeps other as the copy for what Load of src would key, so a
// Load that returns other read the copy.
func plant(t *testing.T, dir string, src tiers.Source, other *tiers.Table) {
	t.Helper()
	data, err := src.Bytes(tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(dir, FileName), key(programIdentity(), src, data), other)
}

func marked(t *testing.T) *tiers.Table {
	t.Helper()
	other := parsed(t, embedded)
	other.Title = "planted"
	return other
}

// A copy made for this very program, source and text is used; one made by
// another build, for another source or another text is not.
func TestKeptCopyIsUsedOnlyForItsKey(t *testing.T) {
	withProgram(t, "build 1")
	dir := t.TempDir()
	plant(t, dir, embedded, marked(t))
	got, err := Load(embedded, tierplan.DefaultTiers, dir)
	if err != nil || got.Title != "planted" {
		t.Fatalf("the copy kept for this key was not used: %v, %q", err, got.Title)
	}

	for name, change := range map[string]func() (tiers.Source, []byte){
		"another build": func() (tiers.Source, []byte) {
			withProgram(t, "build 2")
			return embedded, tierplan.DefaultTiers
		},
		"another text": func() (tiers.Source, []byte) {
			return embedded, append(bytes.Clone(tierplan.DefaultTiers), "\n# edited\n"...)
		},
	} {
		withProgram(t, "build 1")
		dir := t.TempDir()
		plant(t, dir, embedded, marked(t))
		src, text := change()
		got, err := Load(src, text, dir)
		if err != nil || got.Title == "planted" {
			t.Errorf("%s: the copy kept for another key was used (%v)", name, err)
		}
	}

	// The same text from a file, or from another file, is another source.
	withProgram(t, "build 1")
	dir = t.TempDir()
	file := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(file, tierplan.DefaultTiers, 0o600); err != nil {
		t.Fatal(err)
	}
	plant(t, dir, embedded, marked(t))
	if got, _ := Load(tiers.Source{Path: file, Reason: "--tiers"}, tierplan.DefaultTiers, dir); got.Title == "planted" || got.Origin == "embedded default" {
		t.Errorf("the embedded table's copy answered for a file: %q, %q", got.Title, got.Origin)
	}
}

// A damaged, cut or foreign file is parsed over and replaced by a good
// copy; nothing of it shows.
func TestDamagedCopyIsParsedAgainAndReplaced(t *testing.T) {
	withProgram(t, "build 1")
	want := parsed(t, embedded)
	good := func() []byte {
		dir := t.TempDir()
		if _, err := Load(embedded, tierplan.DefaultTiers, dir); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, FileName))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}()
	flip := func(at int) []byte { b := bytes.Clone(good); b[at] ^= 0x40; return b }
	for name, b := range map[string][]byte{
		"empty":              {},
		"cut in the header":  good[:headerLen-1],
		"cut in the payload": good[:len(good)-10],
		"another magic":      flip(0),
		"another version":    flip(len(magic)),
		"another key":        flip(len(magic) + 1),
		"a payload byte":     flip(len(good) - 5),
		"a checksum byte":    flip(headerLen - 1),
		"garbage":            []byte(strings.Repeat("tierplan", 1000)),
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := Load(embedded, tierplan.DefaultTiers, dir)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v", name, err)
		}
		if kept, ok := read(path, key("build 1", embedded, tierplan.DefaultTiers)); !ok || !reflect.DeepEqual(kept, want) {
			t.Errorf("%s: the file was not replaced by a good copy", name)
		}
	}
}

// A valid header over a payload that is not a table is no table.
func TestDecodeRefusesAPayloadThatIsNoTable(t *testing.T) {
	k := sha256.Sum256([]byte("k"))
	b, err := encode(&tiers.Table{Title: "x"}, k)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := decode(b, k); !ok || got.Title != "x" {
		t.Fatalf("a good copy: %v, %v", got, ok)
	}
	payload := []byte("not a gob stream")
	bad := append(bytes.Clone(b[:headerLen-8]), 0, 0, 0, 0, 0, 0, 0, 0)
	bad = append(bad, payload...)
	copy(bad[headerLen-8:], le64(xxhashSum(payload)))
	if _, ok := decode(bad, k); ok {
		t.Error("a payload that is no gob stream decoded")
	}
}

// A table with an error is never kept: its error comes every time.
func TestBrokenTableIsNotKept(t *testing.T) {
	withProgram(t, "build 1")
	dir, file := t.TempDir(), filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(file, []byte("schema_version: 1\nmodels: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := tiers.Source{Path: file, Reason: "--tiers"}
	_, want := tiers.Load(src, nil)
	for range 2 {
		if _, err := Load(src, nil, dir); err == nil || err.Error() != want.Error() {
			t.Fatalf("got %v, want %v", err, want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("left %v", left)
	}
	if _, err := Load(tiers.Source{Path: filepath.Join(dir, "missing.yaml"), Reason: "--tiers"}, nil, dir); err == nil {
		t.Error("a missing file loaded")
	}
}

// Without a directory, or a program to key by, nothing is kept.
func TestNoDirectoryOrProgramKeepsNothing(t *testing.T) {
	withProgram(t, "")
	dir := t.TempDir()
	if _, err := Load(embedded, tierplan.DefaultTiers, dir); err != nil {
		t.Fatal(err)
	}
	withProgram(t, "build 1")
	if _, err := Load(embedded, tierplan.DefaultTiers, ""); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

// Runs at once each get the table and leave one good copy, no temporary
// file.
func TestConcurrentLoads(t *testing.T) {
	withProgram(t, "build 1")
	dir, want := t.TempDir(), parsed(t, embedded)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := Load(embedded, tierplan.DefaultTiers, dir); err != nil || !reflect.DeepEqual(got, want) {
				errs <- "a concurrent load differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 1 || len(hidden) != 0 {
		t.Errorf("left %v %v", left, hidden)
	}
	if got, ok := read(filepath.Join(dir, FileName), key("build 1", embedded, tierplan.DefaultTiers)); !ok || !reflect.DeepEqual(got, want) {
		t.Error("the copy left is not the table")
	}
}

// The program is named by its path and what a stat says of it.
func TestProgramIdentityNamesTheExecutable(t *testing.T) {
	id := programIdentity()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no executable path here")
	}
	if !strings.HasPrefix(id, exe+"\x00") {
		t.Errorf("identity %q does not start with the executable %q", id, exe)
	}
	if programIdentity() != id {
		t.Error("the identity changed between two calls")
	}
}

// FuzzDecode: any bytes decode to no table or a whole one, never a panic;
// a table comes back only from bytes whose checksum holds.
func FuzzDecode(f *testing.F) {
	k := sha256.Sum256([]byte("k"))
	good, err := encode(&tiers.Table{Title: "x", Pools: []string{"a"}}, k)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:headerLen])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decode(b, k)
		if ok && (got == nil || len(b) < headerLen || xxhashSum(b[headerLen:]) != le64sum(b[headerLen-8:headerLen])) {
			t.Fatalf("decoded %v from bytes whose checksum does not hold", got)
		}
	})
}

func xxhashSum(b []byte) uint64 { return xxhash.Sum64(b) }

func le64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

func le64sum(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

// A cache directory that cannot be written (here a file stands where it
// should be) costs the parse, never the table.
func TestUnwritableDirectoryStillLoads(t *testing.T) {
	withProgram(t, "build 1")
	notDir := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(notDir, []byte("a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := parsed(t, embedded)
	for range 2 {
		got, err := Load(embedded, tierplan.DefaultTiers, notDir)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("load with an unwritable cache: %v", err)
		}
	}
	if b, _ := os.ReadFile(notDir); string(b) != "a file" {
		t.Error("the file in the cache directory's place was changed")
	}
}
