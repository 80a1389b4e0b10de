package tiers

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/tierplan/tierplan/internal/userfile"
)

// Load reads and parses the table a Source names; the embedded default comes
// from embedded. A file larger than MaxFileSize is refused from its size
// alone, and reading goes through a limit, so pointing --tiers at a huge file
// or a device costs neither time nor memory.
func Load(src Source, embedded []byte) (*Table, error) {
	data, err := src.Bytes(embedded)
	if err != nil {
		return nil, err
	}
	return src.Parse(data)
}

// Bytes is the source's text: embedded for the embedded default, else
// the file's, read as Load reads it.
func (s Source) Bytes(embedded []byte) ([]byte, error) {
	if s.Embedded() {
		return embedded, nil
	}
	return ReadFile(s.Path)
}

// Parse parses the source's text (from Bytes), its errors naming the
// source, and sets the table's Origin.
func (s Source) Parse(data []byte) (*Table, error) {
	name := s.Path
	if s.Embedded() {
		name = "tiers.yaml (embedded)"
	}
	t, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	t.Origin = s.String()
	return t, nil
}

// ReadFile reads a tier table file, at most MaxFileSize bytes of it. A
// named pipe is read without waiting for a writer (userfile.Open), so a
// FIFO left where the table was expected is refused, never waited on.
func ReadFile(path string) ([]byte, error) {
	data, err := userfile.ReadFile(path, MaxFileSize)
	var le *userfile.LimitError
	var pe *fs.PathError
	switch {
	case err == nil:
		return data, nil
	case errors.As(err, &le) && le.Size > 0:
		return nil, tooLarge(path, le.Size)
	case errors.As(err, &le):
		return nil, wholeFile(path, fmt.Sprintf("more than %s: too large for a tier table; is this the right file?", kib(MaxFileSize)))
	case errors.As(err, &pe):
		return nil, &fs.PathError{Op: "tier table", Path: path, Err: pe.Err}
	}
	return nil, fmt.Errorf("tier table %s: %w", path, err)
}
