package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge is returned (wrapped in a *LimitError) when a file holds more
// than the caller's limit.
var ErrTooLarge = errors.New("too large")

// ErrNothingWritten is returned when a named pipe gave no bytes: no program
// was writing to it, or the one that was wrote nothing.
var ErrNothingWritten = errors.New("a named pipe that nothing was written to (is the program that should write to it running?)")

// LimitError says a file held more than Max bytes.
type LimitError struct {
	Path string
	Max  int64
	// Size is the file's size when it is a regular file, else 0 (unknown:
	// a device or a pipe that was read up to the limit).
	Size int64
}

func (e *LimitError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("%s: %d bytes, more than the %d a file may hold here", e.Path, e.Size, e.Max)
	}
	return fmt.Sprintf("%s: more than the %d bytes a file may hold here", e.Path, e.Max)
}

func (e *LimitError) Unwrap() error { return ErrTooLarge }

// Open opens path for reading without ever waiting: a named pipe is opened
// even when no program writes to it (reads then end at once), so a FIFO left
// where a file was expected cannot hang the command. A directory is refused
// with a plain message.
func Open(path string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory, not a file")}
	}
	return f, nil
}

// ReadFile reads the file at path, refusing it when it holds more than max
// bytes: a regular file from its size, anything else (a device, a pipe)
// after reading max+1 bytes, so neither time nor memory depends on what the
// file would give. A named pipe that gives nothing is ErrNothingWritten.
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().IsRegular() && st.Size() > max {
		return nil, &LimitError{Path: path, Max: max, Size: st.Size()}
	}
	data, err := ReadLimited(f, max)
	var le *LimitError
	if errors.As(err, &le) {
		le.Path = path
	}
	if err == nil && len(data) == 0 && st.Mode()&fs.ModeNamedPipe != 0 {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNothingWritten}
	}
	return data, err
}

// ReadLimited reads r to its end, or refuses it with a *LimitError once it
// has given more than max bytes.
func ReadLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &LimitError{Max: max}
	}
	return data, nil
}
