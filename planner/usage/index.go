package usage

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// Index keeps what earlier reads found, so that a read opens only the files
// that changed, reads a grown file from where the last read stopped, merges
// only the calls that are new, and builds a report from the rows it kept
// and the calls since. It holds, in about 80 bytes a call on disk:
//
//   - per transcript, its size, time, inode, hashes of its head and of the
//     bytes before where the read stopped, its counts and its distinct
//     calls (as the report needs them to deduplicate across files);
//   - the table of distinct responses: which copy of each counts;
//   - the listings of the directories walked;
//   - for the last reports asked for, their rows up to a recent minute and
//     the calls after it.
//
// A file is taken as unchanged when its size, modification time, device
// and inode are those of the earlier read; as grown when it is longer and
// its first bytes and the bytes before where the read stopped hash as they
// did; anything else (truncated, replaced, rotated, rewritten) is read
// again from its start. An Index is not safe for concurrent use; the file
// behind it may be shared by any number of processes: it, and the delta
// a save writes beside it after a read that only took new calls in (see
// indexdelta.go), are each replaced whole, atomically, never written in
// place.
type Index struct {
	path    string // the file it is kept in; "" for an index in memory only
	key     string
	files   map[string]*fileState
	nextFID uint32
	dirs    discover.Listings
	// replies is the merge of every file's entries; duplicates and replays
	// are its counts of copies folded across entries and of replays
	// dropped.
	replies             replytable.Table
	duplicates, replays int
	reports             []*reportState
	strings             []string // the string table of the file loaded
	dirty               bool
	// recode: save every block anew, with a fresh string table (after a
	// merge from scratch, which decoded them all anyway).
	recode bool
	// fresh is the merged result of a merge from scratch during the read
	// under way, to use rather than decode again.
	fresh *mergedCalls
	// src is the file the index was loaded from, for the sections read
	// when first needed (see load); repliesRead once replies holds its
	// reply table, loadStarted once a read of them began beside the walk.
	src                      *indexSource
	repliesRead, loadStarted bool
	// base is that file as a delta is written against (see indexdelta.go),
	// nil when a save must write the index whole; edits are the records
	// of the reply table that differ from the base's.
	base  *deltaBase
	edits []replytable.Record
}

// NewIndex is an empty index kept in memory only (tests, one-off reads).
func NewIndex() *Index { return &Index{files: map[string]*fileState{}} }

// reset empties the index, to be built again and saved whole.
func (ix *Index) reset() {
	*ix = Index{path: ix.path, key: ix.key, files: map[string]*fileState{}, dirty: true}
}

// OpenIndex loads the index of the given roots (the paths a read starts
// from, after DefaultRoots) from dir, the user's cache directory. Each set
// of roots has its own index file. An index that is missing starts empty;
// one that cannot be used (corrupt, of another version, not an index) is
// rebuilt, and note says why, for a verbose mode to show.
func OpenIndex(dir string, roots []string) (ix *Index, note string) {
	key := rootsKey(roots)
	ix = NewIndex()
	ix.path = filepath.Join(dir, fmt.Sprintf("usage-%016x.idx", xxhash.Sum64String(key)))
	ix.key = key
	f, err := userfile.Open(ix.path) // never waits on a named pipe
	if errors.Is(err, fs.ErrNotExist) {
		return ix, ""
	}
	if err != nil {
		return ix, fmt.Sprintf("cache %s unreadable (%s); reading every file", ix.path, errText(err))
	}
	defer f.Close()
	if err := ix.open(f); err != nil {
		ix.reset()
		return ix, fmt.Sprintf("cache %s not usable (%v); rebuilt", ix.path, err)
	}
	return ix, ""
}

// rootsKey names a set of roots whatever their order or spelling.
func rootsKey(roots []string) string {
	abs := make([]string, len(roots))
	for i, r := range roots {
		if a, err := filepath.Abs(r); err == nil {
			r = a
		}
		abs[i] = filepath.Clean(r)
	}
	sort.Strings(abs)
	return strings.Join(abs, "\x00")
}

// Path is the file the index is kept in.
func (ix *Index) Path() string { return ix.path }

// Changes is what differs between the files found now and the index,
// known from the files' sizes, times and inodes alone: a caller that keeps
// its own totals (a status line) asks this first and reads nothing when
// it is empty.
type Changes struct {
	Added, Grown, Replaced, Removed []string
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Grown)+len(c.Replaced)+len(c.Removed) == 0
}

// Changes compares files (from FindFiles) with the index. A file whose
// size or time changed is counted as grown; whether it only grew is known
// when it is read.
func (ix *Index) Changes(files []LogFile) Changes {
	var c Changes
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.Path] = true
		s := ix.files[f.Path]
		switch {
		case s == nil:
			c.Added = append(c.Added, f.Path)
		case s.id != f.ID() || f.Size < s.offset:
			c.Replaced = append(c.Replaced, f.Path)
		case f.Size != s.size || f.ModTime.UnixNano() != s.modTime:
			c.Grown = append(c.Grown, f.Path)
		}
	}
	for p := range ix.files {
		if !seen[p] {
			c.Removed = append(c.Removed, p)
		}
	}
	sort.Strings(c.Removed)
	return c
}

// howToRead is what a read does with a file, judged without opening it.
type howToRead int

const (
	fromStart  howToRead = iota // new, or changed beyond growing
	fromOffset                  // grown, or with an unfinished last line, or too recent to trust: read on (checked when opened)
	unchanged                   // the index has all of it
)

func (ix *Index) decide(f LogFile) (howToRead, *fileState) {
	if ix == nil {
		return fromStart, nil
	}
	s := ix.files[f.Path]
	switch {
	case s == nil, s.id != f.ID(), f.Size < s.offset:
		return fromStart, s
	case f.Size == s.size && f.ModTime.UnixNano() == s.modTime && s.offset == s.size && s.trusted:
		return unchanged, s
	}
	return fromOffset, s
}
