package tiers

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Load reads and parses the table a Source names; the embedded default comes
// from embedded. A file larger than MaxFileSize is refused from its size
// alone, and reading goes through a limit, so pointing --tiers at a huge file
// or a device costs neither time nor memory.
func Load(src Source, embedded []byte) (*Table, error) {
	if src.Embedded() {
		t, err := Parse("tiers.yaml (embedded)", embedded)
		if err != nil {
			return nil, err
		}
		t.Origin = "embedded default"
		return t, nil
	}
	data, err := ReadFile(src.Path)
	if err != nil {
		return nil, err
	}
	t, err := Parse(src.Path, data)
	if err != nil {
		return nil, err
	}
	t.Origin = src.String()
	return t, nil
}

// ReadFile reads a tier table file, at most MaxFileSize bytes of it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = &fs.PathError{Op: "tier table", Path: path, Err: pe.Err}
		}
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return nil, tooLarge(path, st.Size())
	} else if err == nil && st.IsDir() {
		return nil, fmt.Errorf("tier table %s is a directory", path)
	}
	return readLimited(f, path)
}

// readLimited reads at most MaxFileSize+1 bytes, so a pipe or device that
// never ends (/dev/zero) is refused after a bounded read.
func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("tier table %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, wholeFile(name, fmt.Sprintf("more than %s: too large for a tier table; is this the right file?", kib(MaxFileSize)))
	}
	return data, nil
}
