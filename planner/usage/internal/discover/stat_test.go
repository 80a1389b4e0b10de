//go:build linux

package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// statOS answers as os.Stat does, whatever the path names: a file, a
// directory, links to them, a dangling link, a named pipe, nothing.
func TestStatOSAgreesWithOSStat(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "f.jsonl"))
	os.Chmod(filepath.Join(dir, "f.jsonl"), 0o640|fs.ModeSetgid)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.Symlink("f.jsonl", filepath.Join(dir, "lf"))
	os.Symlink("d", filepath.Join(dir, "ld"))
	os.Symlink("missing", filepath.Join(dir, "dangling"))
	syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600)
	for _, name := range []string{"f.jsonl", "d", "lf", "ld", "dangling", "fifo", "none", "f.jsonl/below"} {
		p := filepath.Join(dir, name)
		got, gotErr := statOS(p)
		fi, wantErr := os.Stat(p)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%s: error %v, os.Stat: %v", name, gotErr, wantErr)
		}
		if wantErr != nil {
			if ErrText(gotErr) != ErrText(wantErr) || errors.Is(gotErr, fs.ErrNotExist) != errors.Is(wantErr, fs.ErrNotExist) {
				t.Fatalf("%s: error %v, os.Stat: %v", name, gotErr, wantErr)
			}
			continue
		}
		if want := infoOf(fi); got != want {
			t.Fatalf("%s: %+v, os.Stat: %+v", name, got, want)
		}
	}
}
