package discover

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// notRegular says why a file that is not a regular file is skipped: reading
// a named pipe blocks until a writer comes, and a device or socket never
// holds a transcript.
func notRegular(fi fs.FileInfo) (string, bool) {
	mode := fi.Mode()
	kind := "not a regular file"
	switch {
	case mode.IsRegular():
		return "", false
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe, not a regular file"
	case mode&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case mode&fs.ModeDevice != 0:
		kind = "a device, not a regular file"
	}
	return kind + "; skipped", true
}

// describe fills in what the path says about a file.
func describe(p string, fi fs.FileInfo) LogFile {
	f := LogFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime()}
	parts := strings.Split(filepath.ToSlash(p), "/")
	for i := len(parts) - 2; i >= 1; i-- {
		if parts[i] == "subagents" {
			f.Subagent = true
			f.Session = parts[i-1]
			if i >= 2 {
				f.ProjectDir = parts[i-2]
			}
			return f
		}
	}
	f.Session = strings.TrimSuffix(parts[len(parts)-1], ".jsonl")
	if len(parts) >= 2 {
		f.ProjectDir = parts[len(parts)-2]
	}
	return f
}

// ErrText is an error without the path the problem already names.
func ErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
