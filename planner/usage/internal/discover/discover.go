// Package discover finds Claude Code's transcripts on disk: the default
// roots, the walk of a projects directory (links followed, each file and
// directory read once), and what a path says about a file (its session,
// whether a subagent wrote it, its project directory).
//
// A walk may start from the listings of an earlier one: a directory whose
// device, inode and modification time are unchanged is not listed again
// (adding, removing, renaming or replacing an entry changes a directory's
// time), and the entries the listings name are stat-ed at once, on all
// CPUs, before the walk needs them. Files are still stat-ed one by one (a
// file that grows does not touch its directory), but only under their
// first name: the listings keep each file's inode, and a second name of a
// file (a hard link, a copy of a tree made with cp -al) in an unchanged
// directory is known to be the file found under the first.
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
	l := opt.Listings
	wait := func() {}
	if l != nil {
		var files int
		files, wait = l.prefetch(fsys)
		defer wait() // a root that fails ends the walk early: the stats still end first
		fd.files, fd.seenFile = make([]LogFile, 0, files), make(map[FileID]bool, files)
		l.begin()
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
			if what, ok := notRegular(fi.Mode()); ok {
				fd.problem(root, what)
				continue
			}
			fd.add(root, infoOf(fi))
			continue
		}
		if p, ok := projectsDir(fsys, root); ok {
			root = p
			if pfi, err := fsys.Stat(root); err == nil {
				fi = pfi
			}
		}
		ls, _ := fd.walk(root, infoOf(fi), 0, l.root(root))
		l.keepRoot(root, ls)
	}
	if l != nil {
		wait() // the stats of directories the walk did not reach
		l.end()
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
	files    []LogFile
	problems []Problem
	// seenFile and seenDir are the files and directories found, by device
	// and inode; seenPath the files found where the system gives none.
	seenPath map[string]bool
	seenFile map[FileID]bool
	seenDir  map[FileID]bool
	bufs     bufs
	paths    [][]byte // a path buffer per statting goroutine
}

func (fd *finder) problem(p, what string) {
	fd.problems = append(fd.problems, Problem{Path: p, What: what})
}

// add records a file (at a clean path) unless it was seen: by its
// identity, or without one by its path. A path is walked once (each
// directory is entered once, and names in it differ), so with an
// identity no path need be kept.
func (fd *finder) add(p string, fi info) {
	if fi.hasID {
		if fd.seenFile[fi.id] {
			return
		}
		fd.seenFile[fi.id] = true
	} else {
		if fd.seenPath[p] {
			return
		}
		fd.seenPath[p] = true
	}
	f := describe(p, fi)
	f.id = fi.id
	fd.files = append(fd.files, f)
	if fd.opt.Found != nil {
		fd.opt.Found(f)
	}
}

// enter marks a directory as walked; false when it already was (a link
// back to it, or a second link to it).
func (fd *finder) enter(fi info) bool {
	if !fi.hasID {
		return true
	}
	if fd.seenDir[fi.id] {
		return false
	}
	fd.seenDir[fi.id] = true
	return true
}

// walk visits every *.jsonl below dir, recording unreadable directories;
// old is dir's listing of an earlier walk, if any. It returns the listing
// to keep for dir (nil when there is none: a directory without an
// identity, unreadable or too deep), and false when dir had been walked
// already.
func (fd *finder) walk(dir string, fi info, depth int, old *Listing) (*Listing, bool) {
	if !fd.enter(fi) {
		return nil, false
	}
	if depth > maxWalkDepth {
		fd.problem(dir, fmt.Sprintf("more than %d directories deep; not read", maxWalkDepth))
		return nil, true
	}
	l, b := fd.opt.Listings, fd.bufs.at(depth)
	var ls *Listing
	var oldKids map[string]*Listing // old's listings by name, when dir is listed again
	if l != nil && old.validFor(fi) {
		ls, b.entries = old, old.appendEntries(b.entries[:0])
		fd.statAll(dir, b, old)
	} else {
		ok := fd.list(dir, b)
		fd.statAll(dir, b, nil)
		if l != nil && ok {
			for i, e := range b.entries {
				if r := b.results[i]; r.err == nil && r.hasID && !e.Dir && !e.Link && r.mode.IsRegular() {
					b.entries[i].ID = r.id
				}
			}
			ls, oldKids = l.fresh(fi, b.entries), old.kidsByName()
		}
	}
	entries, results := b.entries, b.results
	var kids []kid
	b.order = pathOrder(b.order, entries, func(i int) bool { return results[i].err == nil && results[i].isDir() })
	for _, i := range b.order {
		e, r := entries[i], results[i]
		if r.alias || r.err == nil && r.hasID && !r.isDir() && fd.seenFile[r.id] {
			continue // a second name of a file found already
		}
		p := join(dir, e.Name)
		switch {
		case r.err != nil:
			if e.Link && !strings.HasSuffix(e.Name, ".jsonl") {
				continue // a dangling link that would not be read anyway
			}
			fd.problem(p, ErrText(r.err))
			continue
		case r.isDir():
			below := oldKids[e.Name]
			if ls == old {
				below = old.kid(i)
			}
			kept, walked := fd.walk(p, r.info, depth+1, below)
			if !walked && e.Link {
				fd.problem(p, "a link to a directory already read; skipped")
			}
			if kept != nil && ls != nil {
				kids = append(kids, kid{at: int32(i), ls: kept})
			}
			continue
		case !strings.HasSuffix(e.Name, ".jsonl"):
			continue
		}
		if what, ok := notRegular(r.mode); ok {
			fd.problem(p, what)
			continue
		}
		fd.add(p, r.info)
	}
	if ls != nil {
		l.settle(ls, old, kids)
	}
	return ls, true
}

// list lists dir into b.entries: the entries a walk looks at
// (directories, links and *.jsonl files); false when it could not be read
// whole.
func (fd *finder) list(dir string, b *walkBuf) bool {
	entries, err := fd.fsys.ReadDir(dir)
	if err != nil {
		fd.problem(dir, ErrText(err))
	}
	b.entries = b.entries[:0]
	for _, e := range entries {
		link := e.Type()&fs.ModeSymlink != 0
		if e.IsDir() || link || strings.HasSuffix(e.Name(), ".jsonl") {
			b.entries = append(b.entries, Entry{Name: e.Name(), Dir: e.IsDir(), Link: link})
		}
	}
	return err == nil
}
