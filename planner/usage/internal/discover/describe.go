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
func notRegular(mode fs.FileMode) (string, bool) {
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

// describe fills in what the path says about a file: the session and
// project directory of <project>/<session>.jsonl, or of
// <project>/<session>/subagents/<agent>.jsonl (the last "subagents" of
// the path that is neither its first nor its last part).
func describe(p string, fi info) LogFile {
	f := LogFile{Path: p, Size: fi.size, ModTime: fi.modTime()}
	s := filepath.ToSlash(p)
	last, start := lastPart(s, len(s))
	for end := start - 1; end >= 0; {
		part, ps := lastPart(s, end)
		if ps == 0 {
			break
		}
		if part == "subagents" {
			f.Subagent = true
			var ss int
			f.Session, ss = lastPart(s, ps-1)
			if ss > 0 {
				f.ProjectDir, _ = lastPart(s, ss-1)
			}
			return f
		}
		end = ps - 1
	}
	f.Session = strings.TrimSuffix(last, ".jsonl")
	if start > 0 {
		f.ProjectDir, _ = lastPart(s, start-1)
	}
	return f
}

// lastPart is the part of a slash-separated path that ends at end, and
// where it starts.
func lastPart(s string, end int) (string, int) {
	i := strings.LastIndexByte(s[:end], '/')
	return s[i+1 : end], i + 1
}

// join is filepath.Join for a clean directory and a name without
// separators (a directory entry): no cleaning to do.
func join(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// appendJoin appends join(dir, name) to b.
func appendJoin(b []byte, dir, name string) []byte {
	b = append(b, dir...)
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		b = append(b, filepath.Separator)
	}
	return append(b, name...)
}

// ErrText is an error without the path the problem already names.
func ErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
