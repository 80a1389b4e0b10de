package userfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func writeString(s string) func(*os.File) error {
	return func(f *os.File) error {
		_, err := f.WriteString(s)
		return err
	}
}

// Replace puts the new content in place whole, private, and leaves no
// temporary file; a write that fails leaves the old content and no
// temporary file either.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.idx")
	if err := Replace(path, writeString("first")); err != nil {
		t.Fatal(err)
	}
	if err := Replace(path, writeString("second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Fatalf("content %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("mode %v: readable by others", fi.Mode())
	}
	failed := errors.New("disk full")
	if err := Replace(path, func(f *os.File) error { f.WriteString("half"); return failed }); !errors.Is(err, failed) {
		t.Fatalf("got %v, want the write's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 {
		t.Errorf("left %v", left)
	}
	if hidden, _ := filepath.Glob(filepath.Join(dir, ".*")); len(hidden) != 0 {
		t.Errorf("temporary files left: %v", hidden)
	}
	if err := Replace(filepath.Join(dir, "missing", "x"), writeString("x")); err == nil {
		t.Error("a file in a missing directory was written")
	}
}
