//go:build !unix

package userfile

import "os"

// openNoWait opens path read-only; systems without Unix named pipes have no
// open that waits.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }

func openPipeForWriting(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY, 0)
}

func isNoReader(error) bool { return false }
