package usage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/cespare/xxhash/v2"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// The index file: a sectioned binfmt file, one section per part, each with
// its own checksum. The string table is shared by the sections that name
// strings; the calls of each file are a block of their own, copied as
// loaded when the file did not change.
const (
	indexMagic = "tierplan usage index\n"
	// indexVersion 4: the listings as a tree, a file's second names known
	// from its inode (3 kept a listing and a path per directory; 2 and 1
	// were single-body files); an older file is rebuilt.
	indexVersion = 4
)

// The sections a read always needs are loaded with the index, in one
// read (they lie together at the end of the file); the calls and the
// reply table, most of its bytes, are read when a read needs them (a
// history that did not change needs neither).
const (
	secMeta = iota
	secStrings
	secFiles
	secDirs
	secReports
	secCalls
	secReplies
	sectionCount
)

// load reads the index's large sections, once, if it has some still to
// read: from its file, if that is still the file it was loaded from (a
// concurrent run may have replaced it). An error means they cannot be
// had: the read goes on without the index.
func (ix *Index) load() error {
	if ix.src == nil {
		return nil
	}
	if err := ix.src.ensure(); err != nil {
		return err
	}
	if !ix.repliesRead {
		ix.replies, ix.repliesRead = ix.src.repliesWith(ix.edits), true
	}
	return nil
}

// loadBeside starts reading the index's large sections on another
// goroutine, once: a file that grew is read on from its calls in them, and
// the walk need not wait for them (the worker that reads the file does,
// in ensure).
func (ix *Index) loadBeside() {
	if ix.src != nil && !ix.loadStarted {
		ix.loadStarted = true
		go ix.src.ensure() // its error is ensure's again for every later caller
	}
}

// repliesWith is the file's reply table, once read, with a delta's edits
// put in.
func (src *indexSource) repliesWith(edits []replytable.Record) replytable.Table {
	t, _ := replytable.Load(src.replies) // checked by ensure
	if len(edits) > 0 {
		t = t.With(edits)
	}
	return t
}

// ensure reads the sections, once; callers on other goroutines at the
// same time wait for that read.
func (src *indexSource) ensure() error {
	src.once.Do(func() {
		src.err = src.read()
		if src.err == nil {
			_, src.err = replytable.Load(src.replies)
		}
	})
	return src.err
}

// indexSource is the file an index was loaded from, for its large
// sections.
type indexSource struct {
	path           string
	head           []byte    // the directory of sections as loaded
	once           sync.Once // the sections' read (ensure)
	err            error
	calls, replies []byte
}

// loadedSource is a source whose calls are in hand already (a delta's).
func loadedSource(path string, calls []byte) *indexSource {
	src := &indexSource{path: path, calls: calls}
	src.once.Do(func() {})
	return src
}

func (src *indexSource) read() error {
	f, err := userfile.Open(src.path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	dir, err := binfmt.ReadDirectory(f, fi.Size(), indexMagic, indexVersion, sectionCount)
	if err != nil {
		return err
	}
	if !bytes.Equal(dir.Head, src.head) {
		return errors.New("replaced since it was loaded")
	}
	parts, err := dir.Load(f, secCalls, secReplies)
	if err != nil {
		return err
	}
	src.calls, src.replies = parts[0], parts[1]
	return nil
}

// open loads the index file's directory and the sections every read
// needs.
func (ix *Index) open(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	dir, err := binfmt.ReadDirectory(f, fi.Size(), indexMagic, indexVersion, sectionCount)
	if err != nil {
		return err
	}
	eager, err := dir.Load(f, secFiles, secDirs, secReports, secMeta, secStrings)
	if err != nil {
		return err
	}
	body := make([][]byte, sectionCount)
	for k, i := range []int{secFiles, secDirs, secReports, secMeta, secStrings} {
		body[i] = eager[k]
	}
	ix.src = &indexSource{path: ix.path, head: dir.Head}
	if err := ix.decode(body, int(dir.Size(secCalls))); err != nil {
		return err
	}
	ix.base = &deltaBase{head: xxhash.Sum64(dir.Head), strings: len(ix.strings), size: fi.Size()}
	ix.openDelta()
	return nil
}

// decode decodes the sections every read needs; calls is the length of the
// calls section, which the files' blocks lie in.
func (ix *Index) decode(body [][]byte, calls int) error {
	meta := &binfmt.Decoder{Buf: body[secMeta]}
	if k := meta.RawString(); k != ix.key && meta.Err == nil {
		return errors.New("written for other paths")
	}
	ix.nextFID = uint32(meta.Uint())
	ix.duplicates, ix.replays = int(meta.Uint()), int(meta.Uint())
	if err := meta.Done(); err != nil {
		return err
	}
	st := &binfmt.Decoder{Buf: body[secStrings]}
	ix.strings = st.ReadTable()
	if err := st.Done(); err != nil {
		return err
	}
	var err error
	if ix.files, err = decodeStates(body[secFiles], calls, ix.src, ix.strings, ix.nextFID); err != nil {
		return err
	}
	if err := ix.dirs.Decode(body[secDirs]); err != nil {
		return err
	}
	ix.reports, err = decodeReports(body[secReports], ix.strings)
	return err
}

// decodeStates decodes a files section into states by path, their blocks
// lying in src's calls section (of length calls), encoded against table,
// their numbers below nextFID.
func decodeStates(files []byte, calls int, src *indexSource, table []string, nextFID uint32) (map[string]*fileState, error) {
	d := &binfmt.Decoder{Buf: files, Table: table}
	n := d.Count()
	into := make(map[string]*fileState, n)
	all := make([]fileState, n) // one allocation for every state
	at := 0
	for i := 0; i < n && d.Err == nil; i++ {
		s := &all[i]
		s.path, s.fid = d.RawString(), uint32(d.Uint())
		s.id = fileIdentity{Dev: d.U64(), Ino: d.U64()}
		s.size, s.modTime, s.trusted, s.offset = int64(d.Uint()), d.Int(), d.Bool(), int64(d.Uint())
		s.head, s.tail = d.U64(), d.U64()
		stats := &s.stats
		for _, p := range [...]*int{&stats.Lines, &stats.UsageLines, &stats.BadLines, &stats.InvalidUTF8, &stats.APIErrorLines, &s.duplicates} {
			*p = int(d.Uint())
		}
		stats.FirstBad = d.Str()
		stats.Path = s.path
		s.hits = decodeHits(d)
		s.count = int(d.Uint())
		blockLen := d.Uint()
		if s.offset > s.size || blockLen > uint64(calls-at) || s.fid >= nextFID || uint64(s.count) > blockLen {
			d.Fail()
			break
		}
		s.block = &callsBlock{src: src, from: at, to: at + int(blockLen), table: table}
		at += int(blockLen)
		into[s.path] = s
	}
	if at != calls {
		d.Fail()
	}
	return into, d.Done()
}

// Save writes the index if a read changed it: when only new calls came in,
// as a delta beside the file it was loaded from (see indexdelta.go), else
// whole. Either file is replaced atomically (a temporary file renamed over
// it), so a concurrent reader sees the old one or the new one, never a
// mix. Nothing is synced to disk: after a crash a torn file fails its
// checksums, and is rebuilt (an index) or ignored (a delta).
func (ix *Index) Save() error {
	if ix.path == "" || !ix.dirty && !ix.dirs.Changed {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(ix.path), 0o700); err != nil {
		return err
	}
	if ok, err := ix.saveDelta(); ok || err != nil {
		if ok {
			ix.dirty, ix.dirs.Changed = false, false
		}
		return err
	}
	if err := ix.load(); err != nil {
		os.Remove(ix.path) // the next read builds it again
		return fmt.Errorf("cache %s could not be read back (%v); removed", ix.path, err)
	}
	if err := userfile.Replace(ix.path, func(f *os.File) error { return ix.write(f) }); err != nil {
		return err
	}
	// The delta was written against the base just replaced; this index is
	// not that base either, so a later save in this run writes it whole.
	os.Remove(ix.deltaPath())
	ix.dirty, ix.dirs.Changed = false, false
	ix.base, ix.edits = nil, nil
	return nil
}
