package discover

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// pathOrder is the order to visit a directory's entries in so that the
// files are found in the order of their paths: a directory's name sorts as
// if it ended in a separator, so "s.jsonl" comes before "s/…" ('.' sorts
// before '/'), as their paths do. A walk from one root then finds files
// already sorted, and reading can merge them as they come.
func pathOrder(entries []Entry, infos []fs.FileInfo) []int {
	order := make([]int, len(entries))
	key := func(i int) string {
		if infos[i] != nil && infos[i].IsDir() {
			return entries[i].Name + string(filepath.Separator)
		}
		return entries[i].Name
	}
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return key(order[a]) < key(order[b]) })
	return order
}

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

// describe fills in what the path says about a file: the session and
// project directory of <project>/<session>.jsonl, or of
// <project>/<session>/subagents/<agent>.jsonl (the last "subagents" of
// the path that is neither its first nor its last part).
func describe(p string, fi fs.FileInfo) LogFile {
	f := LogFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime()}
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

// ErrText is an error without the path the problem already names.
func ErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
