package usage

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// The delta file. A read that only took new calls in (files grown or
// added, merged one call at a time) changes a few files' states, a few
// records of the reply table and the kept reports; rewriting the whole
// index for that grows with the history, not with the change. Such a save
// writes a delta instead, beside the index: what differs from the index
// file (the base) it was loaded from, whole, replacing any earlier delta.
// A load applies it when it was written against that very base (the hash
// of the base's directory, which holds every section's checksum); a delta
// written against another base, torn or damaged is ignored, and the files
// it covered are read on from the base's states, as if it had never been
// written. Once a delta grows past a quarter of its base, the next save
// writes the base whole and removes the delta.
//
// A delta holds: the states of the files it covers and their calls; the
// reply table's records it changes (a merge of grown files replaces or
// inserts records, never removes one: a removal merges from scratch and
// saves whole); the directory listings and the kept reports, whole; the
// counts; and the strings its encoding added to the base's table.

const (
	deltaMagic   = "tierplan usage delta\n"
	deltaVersion = 1
)

const (
	dMeta = iota
	dStrings
	dFiles
	dCalls
	dReplies
	dDirs
	dReports
	deltaSections
)

// deltaShare is how many times a delta must fit in its base: past a
// quarter of it, a save writes the base whole. (The randomised index test
// and FuzzDecodeIndex's seed let deltas grow as large as their base, to
// write more of them, or one at all of a small history.)
var deltaShare int64 = 4

// maxDeltaBytes bounds a delta file read back, far above any a base of
// the maximum size would carry.
const maxDeltaBytes = 1 << 30

// deltaBase is what a delta is written against: the base file as loaded.
type deltaBase struct {
	head    uint64 // the hash of the base's directory of sections
	strings int    // the length of the base's string table
	size    int64  // the base file's size
}

// deltaPath is the file the index's delta is kept in.
func (ix *Index) deltaPath() string { return ix.path + ".delta" }

// openDelta applies the index's delta file, if there is one written
// against the base just loaded. Anything wrong with it leaves the index as
// the base alone.
func (ix *Index) openDelta() {
	b, err := userfile.ReadFile(ix.deltaPath(), maxDeltaBytes) // never waits on a named pipe
	if err != nil {
		return
	}
	parts, err := binfmt.ReadSections(deltaMagic, deltaVersion, deltaSections, b)
	if err != nil {
		return
	}
	_ = ix.applyDelta(parts)
}

// applyDelta decodes a delta's sections and, when they all decode and
// were written against the loaded base, makes them the index's.
func (ix *Index) applyDelta(parts [][]byte) error {
	meta := &binfmt.Decoder{Buf: parts[dMeta]}
	key, head, nStrings := meta.RawString(), meta.U64(), int(meta.Uint())
	nextFID, duplicates, replays := uint32(meta.Uint()), int(meta.Uint()), int(meta.Uint())
	if err := meta.Done(); err != nil {
		return err
	}
	if key != ix.key || ix.base == nil || head != ix.base.head || nStrings != len(ix.strings) || nextFID < ix.nextFID {
		return errors.New("written against another index")
	}
	sd := &binfmt.Decoder{Buf: parts[dStrings]}
	extra := sd.ReadTable()
	if err := sd.Done(); err != nil {
		return err
	}
	table := make([]string, 0, len(ix.strings)+len(extra))
	table = append(append(table, ix.strings...), extra...)
	src := loadedSource(ix.deltaPath(), parts[dCalls])
	states, err := decodeStates(parts[dFiles], len(parts[dCalls]), src, table, nextFID)
	if err != nil {
		return err
	}
	edits, err := replytable.Load(parts[dReplies])
	if err != nil {
		return err
	}
	var dirs discover.Listings
	if err := dirs.Decode(parts[dDirs]); err != nil {
		return err
	}
	reports, err := decodeReports(parts[dReports], table)
	if err != nil {
		return err
	}
	// Every check passed: the delta is the index's. The base's blocks take
	// the longer table, of which theirs is the start, so that a save
	// copies them as they are.
	for _, s := range ix.files {
		if s.block != nil {
			s.block.table = table[:len(ix.strings)]
		}
	}
	for p, s := range states {
		ix.files[p] = s
	}
	ix.nextFID, ix.duplicates, ix.replays = nextFID, duplicates, replays
	ix.dirs, ix.reports, ix.strings = dirs, reports, table
	ix.edits = make([]replytable.Record, edits.Len())
	for i := range ix.edits {
		ix.edits[i] = edits.At(i)
	}
	return nil
}

// deltaStates are the states a delta of the index holds: every state not
// loaded from the base, sorted by path.
func (ix *Index) deltaStates() []*fileState {
	return ix.sortedStates(func(s *fileState) bool { return s.block == nil || s.block.src != ix.src })
}

// encodeDelta encodes the index's delta against its base.
func (ix *Index) encodeDelta() [][]byte {
	e := binfmt.NewEncoderWith(ix.strings)
	states := ix.deltaStates()
	sections := make([][]byte, deltaSections)
	blockLens := encodeBlocks(e, states, func(b []byte) { sections[dCalls] = append(sections[dCalls], b...) })
	take := func(i int) {
		sections[i] = bytes.Clone(e.Buf)
		e.Buf = e.Buf[:0]
	}
	encodeStates(e, states, blockLens)
	take(dFiles)
	ix.encodeReports(e)
	take(dReports)
	var dirs bytes.Buffer
	_ = ix.dirs.Encode(&dirs) // a bytes.Buffer takes every write
	sections[dDirs] = dirs.Bytes()
	sections[dReplies] = replytable.Build(ix.edits)
	e.RawString(ix.key)
	e.U64(ix.base.head)
	e.Uint(uint64(ix.base.strings))
	e.Uint(uint64(ix.nextFID))
	e.Uint(uint64(ix.duplicates))
	e.Uint(uint64(ix.replays))
	take(dMeta)
	sections[dStrings] = binfmt.EncodeTable(e.Table[ix.base.strings:])
	return sections
}

// saveDelta writes the index's delta, replacing any earlier one; false
// when a delta cannot carry what changed (the base is not the one loaded,
// the reply table was merged from scratch) or would be more than a
// quarter of the base, so the base is written whole instead.
func (ix *Index) saveDelta() (bool, error) {
	if ix.base == nil || ix.recode || ix.src == nil {
		return false, nil
	}
	sections := ix.encodeDelta()
	n := 0
	for _, b := range sections {
		n += len(b)
	}
	if int64(n)*deltaShare > ix.base.size {
		return false, nil
	}
	err := userfile.Replace(ix.deltaPath(), func(f *os.File) error {
		return binfmt.WriteSections(f, deltaMagic, deltaVersion, sections)
	})
	if err != nil {
		return false, fmt.Errorf("cache delta: %w", err)
	}
	return true, nil
}
