//go:build unix

package usage

import (
	"io/fs"
	"syscall"
)

// identityOf is the device and inode of a file: the same file reached by
// two paths (a link, a loop of links) has one identity.
func identityOf(fi fs.FileInfo) (fileIdentity, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileIdentity{}, false
	}
	return fileIdentity{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}
