//go:build unix

package tablecache

import (
	"fmt"
	"os"
	"syscall"
)

// fileID is the device and inode a stat gave: a file replaced by another
// of the same size and time is told apart.
func fileID(fi os.FileInfo) string {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d\x00%d", st.Dev, st.Ino)
	}
	return ""
}
