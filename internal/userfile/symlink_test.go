package userfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteThroughSymlinkReplacesTheTargetAndKeepsTheLink is the writers'
// symlink rule: the file a link names is written, the link stays a link.
func TestWriteThroughSymlinkReplacesTheTargetAndKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "tiers.yaml")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "tiers.yaml")
	if err := os.Symlink(filepath.Join("dotfiles", "tiers.yaml"), link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new"), Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a %v", fi.Mode())
	}
	if got := read(t, real); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want its own 0640", fi.Mode().Perm())
	}
	noTemps(t, dir)
	noTemps(t, filepath.Dir(real))
}

// TestWriteOverDanglingSymlinkCreatesItsTarget: a link to a file not made
// yet (a dotfiles checkout before `tiers init`) gets its target created, as
// the shell's > does, and stays a link.
func TestWriteOverDanglingSymlinkCreatesItsTarget(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("nowhere.yaml", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("x"), Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the dangling link was replaced by a %v", fi.Mode())
	}
	if got := read(t, filepath.Join(dir, "nowhere.yaml")); got != "x" {
		t.Errorf("target holds %q", got)
	}
}

func TestRelativeLinkIsReadFromTheLinksRealDirectory(t *testing.T) {
	dir := t.TempDir()
	// dir/a is a link to dir/x/y; dir/a/out is a link to ../target, which
	// the kernel reads from dir/x/y, so it names dir/x/target.
	if err := os.MkdirAll(filepath.Join(dir, "x", "y"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "x", "y"), filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "target"), filepath.Join(dir, "x", "y", "out")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "a", "out"), []byte("z"), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "x", "target")); got != "z" {
		t.Errorf("x/target holds %q", got)
	}
}

func TestSymlinkLoopIsRefused(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	_ = os.Symlink(b, a)
	_ = os.Symlink(a, b)
	err := WriteFile(a, []byte("x"), Options{})
	if err == nil || !strings.Contains(err.Error(), "symbolic links") || !strings.Contains(err.Error(), a) {
		t.Errorf("err = %v", err)
	}
}
