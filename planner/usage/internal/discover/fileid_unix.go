//go:build unix

package discover

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file for reading without blocking: os.Open makes a
// descriptor non-blocking to offer it to the poller, which refuses a
// regular file, and makes it blocking again (five system calls beside the
// open); opened non-blocking, a regular file reads as ever (the flag means
// nothing to it), and a named pipe put in a transcript's place between
// the walk and the read reads as empty instead of waiting for a writer.
func openFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// identityOf is the device and inode of a file: the same file reached by
// two paths (a link, a loop of links) has one identity.
func identityOf(fi fs.FileInfo) (FileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return FileID{}, false
	}
	return FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}, true
}
