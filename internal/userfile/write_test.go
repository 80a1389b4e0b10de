package userfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemps fails when a temporary file was left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestWriteFileCreatesAndReplacesRegularFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	if err := WriteFile(p, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", fi.Mode().Perm())
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "two" {
		t.Errorf("content %q", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want its own 0600", fi.Mode().Perm())
	}
	noTemps(t, dir)
}

// TestWriteToDevNullKeepsTheDevice: --timeline /dev/null once replaced the
// device with a regular file when run as root.
func TestWriteToDevNullKeepsTheDevice(t *testing.T) {
	if err := WriteFile(os.DevNull, []byte("discarded"), Options{}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is now %v", os.DevNull, fi.Mode())
	}
}

func TestWriteToNamedPipeWritesThrough(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fifo")
	mkfifo(t, p)
	got := make(chan string)
	go func() {
		r, err := os.Open(p) // waits for the writer
		if err != nil {
			got <- err.Error()
			return
		}
		defer r.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r)
		got <- buf.String()
	}()
	var f *File
	var err error
	for range 100 { // until the reader has the pipe open
		if f, err = Create(p, Options{}); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("rows")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "rows" {
		t.Errorf("reader got %q", s)
	}
	if fi, _ := os.Lstat(p); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe is now %v", fi.Mode())
	}
	noTemps(t, dir)
}

func TestWriteToNamedPipeWithoutReaderFailsAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, p)
	err := WriteFile(p, []byte("x"), Options{})
	if err == nil || !strings.Contains(err.Error(), "no program is reading") {
		t.Errorf("err = %v", err)
	}
}

func TestWriteRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	err := WriteFile(dir, []byte("x"), Options{})
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("err = %v", err)
	}
}

func TestDashIsStdout(t *testing.T) {
	var out bytes.Buffer
	if err := WriteFile("-", []byte("to stdout"), Options{Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "to stdout" {
		t.Errorf("stdout %q", out.String())
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := WriteFile("-", []byte("a file"), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "-")); got != "a file" {
		t.Errorf("without Stdout, - is a file name: %q", got)
	}
}

func TestAbortLeavesTheTargetAndNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "keep.yaml")
	if err := os.WriteFile(p, []byte("original"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("half")); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if got := read(t, p); got != "original" {
		t.Errorf("target holds %q", got)
	}
	noTemps(t, dir)
	if len(temps.paths) != 0 || temps.sigs != nil {
		t.Errorf("still tracking %v", temps.paths)
	}
}

func TestCommitRefusesATargetThatBecameSpecial(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	mkfifo(t, p)
	err = f.Commit()
	if err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Fatalf("err = %v", err)
	}
	if fi, _ := os.Lstat(p); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced")
	}
	noTemps(t, dir)
}

func TestMakeDirsCreatesParents(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config", "tierplan", "tiers.yaml")
	if err := WriteFile(p, []byte("x"), Options{}); err == nil {
		t.Fatal("wrote into a missing directory without MakeDirs")
	}
	if err := WriteFile(p, []byte("x"), Options{MakeDirs: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "x" {
		t.Errorf("%q", got)
	}
}

func TestErrorsNameTheUsersPath(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir", "f"), []byte("x"), Options{})
	var pe *fs.PathError
	if !errors.As(err, &pe) || !strings.HasSuffix(pe.Path, filepath.Join("no", "such", "dir", "f")) {
		t.Errorf("err = %#v", err)
	}
}

func TestAppendAddsAndNeverWaits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "limits.jsonl")
	for _, line := range []string{"a\n", "b\n"} {
		f, err := Append(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(line); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if got := read(t, p); got != "a\nb\n" {
		t.Errorf("log holds %q", got)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	if _, err := Append(fifo); err == nil || !strings.Contains(err.Error(), "no program is reading") {
		t.Errorf("pipe without reader: %v", err)
	}
	if _, err := Append(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}
