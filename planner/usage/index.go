package usage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/google/renameio/v2"
)

// Index keeps, per transcript, what an earlier read found, so that a read
// opens only the files that changed and reads a grown file from where the
// last read stopped. It holds every distinct call of every file (as the
// report needs them to deduplicate across files), in about 40 bytes each
// on disk.
//
// A file is taken as unchanged when its size, modification time, device
// and inode are those of the earlier read; as grown when it is longer and
// its first bytes and the bytes before where the read stopped hash as they
// did; anything else (truncated, replaced, rotated, rewritten) is read
// again from its start. An Index is not safe for concurrent use; the file
// behind it may be shared by any number of processes: it is replaced
// whole, atomically, never written in place.
type Index struct {
	path   string // the file it is kept in; "" for an index in memory only
	key    string
	states map[string]*fileState
	snap   *snapshot
	table  []string // the string table of the file loaded
	dirty  bool
	// written is when the index file was last written, as its own
	// modification time says (zero for an index in memory).
	written int64
}

// racyWindow is how close to the index's writing a file's modification
// time must be for its size and time not to be trusted: a file rewritten
// within one tick of the file system's clock keeps its time (git calls
// such entries racily clean). Such files are checked by content; 2 s
// covers the coarsest clocks (FAT).
const racyWindow = int64(2e9)

// NewIndex is an empty index kept in memory only (tests, one-off reads).
func NewIndex() *Index { return &Index{states: map[string]*fileState{}} }

// OpenIndex loads the index of the given roots (the paths a read starts
// from, after DefaultRoots) from dir, the user's cache directory. Each set
// of roots has its own index file. An index that is missing starts empty;
// one that cannot be used (corrupt, of another version, not an index) is
// rebuilt, and note says why, for a verbose mode to show.
func OpenIndex(dir string, roots []string) (ix *Index, note string) {
	key := rootsKey(roots)
	ix = &Index{path: filepath.Join(dir, fmt.Sprintf("usage-%016x.idx", xxhash.Sum64String(key))), key: key, states: map[string]*fileState{}}
	b, err := os.ReadFile(ix.path)
	if errors.Is(err, fs.ErrNotExist) {
		return ix, ""
	}
	if err != nil {
		return ix, fmt.Sprintf("cache %s unreadable (%s); reading every file", ix.path, errText(err))
	}
	states, snap, table, err := decodeIndex(b, key)
	if err != nil {
		ix.dirty = true
		return ix, fmt.Sprintf("cache %s not usable (%v); rebuilt", ix.path, err)
	}
	ix.states, ix.snap, ix.table = states, snap, table
	if fi, err := os.Stat(ix.path); err == nil {
		ix.written = fi.ModTime().UnixNano()
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

// Save writes the index if a read changed it, replacing the file
// atomically (a temporary file renamed over it), so a concurrent reader
// sees the old index or the new one, never a mix.
func (ix *Index) Save() error {
	if ix.path == "" || !ix.dirty {
		return nil
	}
	states := make([]*fileState, 0, len(ix.states))
	for _, s := range ix.states {
		states = append(states, s)
	}
	sort.Slice(states, func(i, j int) bool { return states[i].path < states[j].path })
	if err := os.MkdirAll(filepath.Dir(ix.path), 0o700); err != nil {
		return err
	}
	f, err := renameio.NewPendingFile(ix.path, renameio.WithPermissions(0o600))
	if err != nil {
		return err
	}
	defer f.Cleanup()
	if err := writeFrame(f, indexMagic, encodeIndexBody(ix.key, states, ix.snap, ix.table)); err != nil {
		return err
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return err
	}
	ix.dirty = false
	return nil
}

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
		s := ix.states[f.Path]
		switch {
		case s == nil:
			c.Added = append(c.Added, f.Path)
		case s.id != f.id || f.Size < s.offset:
			c.Replaced = append(c.Replaced, f.Path)
		case f.Size != s.size || f.ModTime.UnixNano() != s.modTime:
			c.Grown = append(c.Grown, f.Path)
		}
	}
	for p := range ix.states {
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
	fromOffset                  // grown, or with an unfinished last line: read on (checked when opened)
	unchanged                   // the index has all of it
)

func (ix *Index) decide(f LogFile, s *fileState) howToRead {
	switch {
	case ix == nil:
		return fromStart
	case s == nil, s.id != f.id, f.Size < s.offset:
		return fromStart
	case f.Size == s.size && f.ModTime.UnixNano() == s.modTime && s.offset == s.size && !ix.racy(s):
		return unchanged
	}
	return fromOffset
}

// racy reports whether a state was recorded too close to the index's
// writing for the file's time to tell a rewrite apart.
func (ix *Index) racy(s *fileState) bool {
	return ix.written == 0 || s.modTime > ix.written-racyWindow
}

// update records a file's new state; a nil state (the file could not be
// read to its end) drops it, so the next read starts afresh.
func (ix *Index) update(path string, s *fileState) {
	old := ix.states[path]
	if s != nil && old != nil && s.offset == old.offset && s.size == old.size && s.modTime == old.modTime && s.id == old.id && s.head == old.head && s.tail == old.tail {
		return // checked, nothing new
	}
	ix.dirty = true
	if s == nil {
		delete(ix.states, path)
		return
	}
	ix.states[path] = s
}

// forget drops the files the index has and files (every file found, also
// those a --since read skips) does not: files deleted since.
func (ix *Index) forget(files []LogFile) {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.Path] = true
	}
	for p := range ix.states {
		if !seen[p] {
			delete(ix.states, p)
			ix.dirty = true
		}
	}
}

// fingerprint hashes the states of files, in order; false when one has
// none.
func (ix *Index) fingerprint(files []LogFile) (uint64, bool) {
	h := xxhash.New()
	var b []byte
	for _, f := range files {
		s := ix.states[f.Path]
		if s == nil {
			return 0, false
		}
		b = append(b[:0], s.path...)
		for _, v := range [...]uint64{0, s.id.dev, s.id.ino, uint64(s.size), uint64(s.modTime), uint64(s.offset), s.head, s.tail} {
			b = binary.LittleEndian.AppendUint64(b, v)
		}
		h.Write(b)
	}
	return h.Sum64(), true
}

// snapshotFor returns the kept merged result when files are what it was
// made from.
func (ix *Index) snapshotFor(files []LogFile) *snapshot {
	if ix.snap == nil {
		return nil
	}
	if fp, ok := ix.fingerprint(files); ok && fp == ix.snap.fingerprint {
		return ix.snap
	}
	return nil
}

// keepSnapshot keeps the merged result of a read of files.
func (ix *Index) keepSnapshot(files []LogFile, all []Entry, replays, duplicates int) {
	fp, ok := ix.fingerprint(files)
	if !ok {
		ix.snap = nil
		return
	}
	if ix.snap != nil && ix.snap.fingerprint == fp {
		return
	}
	ix.snap = &snapshot{fingerprint: fp, replays: replays, duplicates: duplicates, entries: all}
	ix.dirty = true
}
