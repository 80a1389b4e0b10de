package userfile

import (
	"os"
	"path/filepath"
)

// Replace writes a file tierplan keeps for itself (a cache), never one a
// user named: whatever stands at path, a link or a pipe included, is
// replaced, not followed or written through. write fills a temporary file
// beside path (private, registered for removal on a signal), which is then
// renamed over it, so a concurrent reader finds the old file or the new
// one, never a mix; on an error the temporary file goes and path stays as
// it was. The file is not synced: what a crash cuts short, the reader's
// checksum refuses.
func Replace(path string, write func(*os.File) error) error {
	f, err := trackedTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = renameTracked(f.Name(), path)
	}
	if err != nil {
		untrackAndRemove(f.Name())
	}
	return err
}
