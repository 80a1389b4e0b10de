//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNoWait opens path read-only with O_NONBLOCK, which makes the open of
// a named pipe return at once instead of waiting for a writer; the runtime
// poller then waits for data only while a writer has the pipe open. On a
// regular file the flag changes nothing.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// openPipeForWriting opens a named pipe without waiting for a reader: with
// none, the open fails (ENXIO) instead of hanging.
func openPipeForWriting(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
}

// isNoReader reports the error of opening a pipe that no program reads.
func isNoReader(err error) bool {
	pe, ok := err.(*os.PathError)
	return ok && pe.Err == syscall.ENXIO
}
