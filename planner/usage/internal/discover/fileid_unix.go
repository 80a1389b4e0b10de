//go:build unix

package discover

import (
	"io/fs"
	"syscall"
)

// identityOf is the device and inode of a file: the same file reached by
// two paths (a link, a loop of links) has one identity.
func identityOf(fi fs.FileInfo) (FileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return FileID{}, false
	}
	return FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}, true
}
