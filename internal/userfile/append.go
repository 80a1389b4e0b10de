package userfile

import (
	"errors"
	"io/fs"
	"os"
)

// Append opens path for appending lines (a log), creating it (0644) when
// missing. Appending never replaces anything, so links, devices and
// regular files are simply opened; a named pipe is opened without waiting,
// and one that no program reads is refused instead of hanging.
func Append(path string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		f, err := openPipeForWriting(path)
		if isNoReader(err) {
			return nil, pathError(path, errors.New("a named pipe that no program is reading; start the reader first"))
		}
		return f, pathError(path, err)
	} else if err == nil && fi.IsDir() {
		return nil, pathError(path, errors.New("is a directory; name a file"))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	return f, pathError(path, err)
}
