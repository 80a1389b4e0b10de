package usage

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// LogFile is one transcript file found on disk.
type LogFile struct {
	Path    string
	Size    int64
	ModTime time.Time
	// Session is the session the path names: the file name of
	// <session>.jsonl, or the parent session of <session>/subagents/… files.
	// Lines carry their own sessionId; this is the fallback.
	Session string
	// Subagent marks files under <session>/subagents/: their work is counted
	// once, as part of the parent session.
	Subagent bool
	// ProjectDir is the <project-dir> name (the cwd with every
	// non-alphanumeric character replaced by '-'), the fallback project.
	ProjectDir string

	// id is the file's device and inode where the system gives them: the
	// index notices a file replaced under the same name by it.
	id fileIdentity
}

// fileIdentity is a file's device and inode; zero when unknown.
type fileIdentity struct{ dev, ino uint64 }

// Problem is a file or directory that could not be read, or a file with
// lines that could not be used. Problems are reported, never silently
// skipped.
type Problem struct {
	Path string `json:"path"`
	What string `json:"problem"`
}

// FindFiles lists the transcripts under paths. A path may be a file (read
// whatever its name), a config directory (its projects/ is read), a
// projects directory or a project directory; directories are walked
// recursively for *.jsonl, which finds subagent files, and symbolic links
// to directories are followed. A file or directory reached twice (through
// links, a loop of links, hard links) is read once, by device and inode. The
// result is sorted by path, so reports do not depend on directory order.
// Paths that cannot be read are returned as problems; a path that does not
// exist is an error.
func FindFiles(fsys FileSystem, paths []string) ([]LogFile, []Problem, error) {
	fd := &finder{fsys: fsys, seenPath: map[string]bool{}, seenFile: map[fileIdentity]bool{}, seenDir: map[fileIdentity]bool{}}
	for _, root := range paths {
		fi, err := fsys.Stat(root)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", root)
			}
			fd.problem(root, errText(err))
			continue
		}
		if !fi.IsDir() {
			if what, ok := notRegular(fi); ok {
				fd.problem(root, what)
				continue
			}
			fd.add(root, fi)
			continue
		}
		if p, ok := projectsDir(fsys, root); ok {
			root = p
			if pfi, err := fsys.Stat(root); err == nil {
				fi = pfi
			}
		}
		fd.walk(root, fi, 0)
	}
	sort.Slice(fd.files, func(i, j int) bool { return fd.files[i].Path < fd.files[j].Path })
	return fd.files, fd.problems, nil
}

// maxWalkDepth bounds how deep discovery goes below a root, so links form
// no endless path even where files have no inode to recognise them by.
const maxWalkDepth = 40

// finder is one discovery: what it found and what it has already seen.
type finder struct {
	fsys     FileSystem
	files    []LogFile
	problems []Problem
	seenPath map[string]bool
	seenFile map[fileIdentity]bool
	seenDir  map[fileIdentity]bool
}

func (fd *finder) problem(p, what string) {
	fd.problems = append(fd.problems, Problem{Path: p, What: what})
}

// add records a file unless its path or the file itself was seen.
func (fd *finder) add(p string, fi fs.FileInfo) {
	p = filepath.Clean(p)
	if fd.seenPath[p] {
		return
	}
	fd.seenPath[p] = true
	id, ok := identityOf(fi)
	if ok {
		if fd.seenFile[id] {
			return
		}
		fd.seenFile[id] = true
	}
	f := describe(p, fi)
	f.id = id
	fd.files = append(fd.files, f)
}

// enter marks a directory as walked; false when it already was (a link
// back to it, or a second link to it).
func (fd *finder) enter(fi fs.FileInfo) bool {
	id, ok := identityOf(fi)
	if !ok {
		return true
	}
	if fd.seenDir[id] {
		return false
	}
	fd.seenDir[id] = true
	return true
}

// walk visits every *.jsonl below dir, recording unreadable directories.
// It is false when dir had been walked already.
func (fd *finder) walk(dir string, fi fs.FileInfo, depth int) bool {
	if !fd.enter(fi) {
		return false
	}
	if depth > maxWalkDepth {
		fd.problem(dir, fmt.Sprintf("more than %d directories deep; not read", maxWalkDepth))
		return true
	}
	entries, err := fd.fsys.ReadDir(dir)
	if err != nil {
		fd.problem(dir, errText(err))
	}
	var wanted []fs.DirEntry
	for _, e := range entries {
		if e.IsDir() || e.Type()&fs.ModeSymlink != 0 || strings.HasSuffix(e.Name(), ".jsonl") {
			wanted = append(wanted, e)
		}
	}
	infos, errs := fd.statAll(dir, wanted)
	for i, e := range wanted {
		p := filepath.Join(dir, e.Name())
		link := e.Type()&fs.ModeSymlink != 0
		fi, err := infos[i], errs[i]
		if err != nil {
			if link && !strings.HasSuffix(e.Name(), ".jsonl") {
				continue // a dangling link that would not be read anyway
			}
			fd.problem(p, errText(err))
			continue
		}
		if fi.IsDir() {
			if !fd.walk(p, fi, depth+1) && link {
				fd.problem(p, "a link to a directory already read; skipped")
			}
			continue
		}
		if !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		if what, ok := notRegular(fi); ok {
			fd.problem(p, what)
			continue
		}
		fd.add(p, fi)
	}
	return true
}

// statAll stats the entries of dir, on two goroutines when there are
// many (a projects directory holds thousands of sessions): the answers
// come back in order, so what follows does not depend on timing.
func (fd *finder) statAll(dir string, entries []fs.DirEntry) ([]fs.FileInfo, []error) {
	infos, errs := make([]fs.FileInfo, len(entries)), make([]error, len(entries))
	stat := func(from, step int) {
		for i := from; i < len(entries); i += step {
			infos[i], errs[i] = fd.fsys.Stat(filepath.Join(dir, entries[i].Name()))
		}
	}
	if len(entries) < 64 {
		stat(0, 1)
		return infos, errs
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); stat(1, 2) }()
	stat(0, 2)
	wg.Wait()
	return infos, errs
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

// errText is an error without the path the problem already names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
