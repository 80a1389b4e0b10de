//go:build !unix

package tablecache

import "os"

// fileID is empty where a stat gives no inode: the path, size and time
// name the build.
func fileID(os.FileInfo) string { return "" }
