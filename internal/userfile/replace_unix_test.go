//go:build unix

package userfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// What stands where a cache's file goes is replaced, never followed or
// written through: a link's target and a pipe are left alone.
func TestReplaceNeitherFollowsNorWritesThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "users-own-file")
	if err := os.WriteFile(target, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	link, fifo := filepath.Join(dir, "link.idx"), filepath.Join(dir, "fifo.idx")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{link, fifo} {
		if err := Replace(p, writeString("cache")); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s: not replaced by a regular file: %v %v", p, fi, err)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "mine" {
		t.Errorf("the link's target was written: %q", b)
	}
}
