// Package discover finds Claude Code's transcripts on disk: the default
// roots, the walk of a projects directory (links followed, each file and
// directory read once), and what a path says about a file (its session,
// whether a subagent wrote it, its project directory).
//
// A walk may start from the listings of an earlier one: a directory whose
// device, inode and modification time are unchanged is not listed again
// (adding or removing an entry changes a directory's time), and every path
// the listings name is stat-ed at once, on all CPUs, before the walk needs
// it. Files are still stat-ed one by one: a file that grows does not touch
// its directory.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
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

	id FileID
}

// ID is the file's device and inode, zero where the system gives none: a
// file replaced under the same name has another.
func (f LogFile) ID() FileID { return f.id }

// FileID is a file's device and inode; zero when unknown.
type FileID struct{ Dev, Ino uint64 }

// Problem is a file or directory that could not be read, or a file with
// lines that could not be used. Problems are reported, never silently
// skipped.
type Problem struct {
	Path string `json:"path"`
	What string `json:"problem"`
}

// Options shape a walk.
type Options struct {
	// Listings, when set, are the directory listings of an earlier walk,
	// used where still valid and updated with this walk's.
	Listings *Listings
	// Found, when set, is called with each file as the walk accepts it (in
	// walk order, on the walking goroutine), so reading can start at once.
	Found func(LogFile)
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
	return Find(fsys, paths, Options{})
}

// Find is FindFiles with a walk's options.
func Find(fsys FileSystem, paths []string, opt Options) ([]LogFile, []Problem, error) {
	fd := &finder{fsys: fsys, opt: opt, seenPath: map[string]bool{}, seenFile: map[FileID]bool{}, seenDir: map[FileID]bool{}}
	if l := opt.Listings; l != nil {
		fd.stats = l.prefetch(fsys)
		l.walked = map[string]bool{}
	}
	for _, root := range paths {
		fi, err := fsys.Stat(root)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", root)
			}
			fd.problem(root, ErrText(err))
			continue
		}
		root = filepath.Clean(root)
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
	if l := opt.Listings; l != nil {
		l.forgetUnwalked()
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
	opt      Options
	stats    map[string]statResult // stat-ed up front, taken once each
	files    []LogFile
	problems []Problem
	seenPath map[string]bool
	seenFile map[FileID]bool
	seenDir  map[FileID]bool
}

func (fd *finder) problem(p, what string) {
	fd.problems = append(fd.problems, Problem{Path: p, What: what})
}

// add records a file (at a clean path) unless its path or the file
// itself was seen.
func (fd *finder) add(p string, fi fs.FileInfo) {
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
	if fd.opt.Found != nil {
		fd.opt.Found(f)
	}
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
	wanted := fd.list(dir, fi)
	infos, errs := fd.statAll(dir, wanted)
	for _, i := range pathOrder(wanted, infos) {
		e := wanted[i]
		p := join(dir, e.Name)
		fi, err := infos[i], errs[i]
		if err != nil {
			if e.Link && !strings.HasSuffix(e.Name, ".jsonl") {
				continue // a dangling link that would not be read anyway
			}
			fd.problem(p, ErrText(err))
			continue
		}
		if fi.IsDir() {
			if !fd.walk(p, fi, depth+1) && e.Link {
				fd.problem(p, "a link to a directory already read; skipped")
			}
			continue
		}
		if !strings.HasSuffix(e.Name, ".jsonl") {
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

// list returns the entries of dir a walk looks at (directories, links and
// *.jsonl files), from the listings when dir is unchanged since.
func (fd *finder) list(dir string, fi fs.FileInfo) []Entry {
	l := fd.opt.Listings
	if l != nil {
		if entries, ok := l.lookup(dir, fi); ok {
			return entries
		}
	}
	entries, err := fd.fsys.ReadDir(dir)
	if err != nil {
		fd.problem(dir, ErrText(err))
	}
	var wanted []Entry
	for _, e := range entries {
		link := e.Type()&fs.ModeSymlink != 0
		if e.IsDir() || link || strings.HasSuffix(e.Name(), ".jsonl") {
			wanted = append(wanted, Entry{Name: e.Name(), Dir: e.IsDir(), Link: link})
		}
	}
	if l != nil && err == nil {
		l.record(dir, fi, wanted)
	}
	return wanted
}
