package usage

import (
	"io"
	"sort"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// write writes the index file to w, a section at a time: the calls first
// (blocks copied as loaded, or encoded a file at a time), the reply table
// as loaded or merged, then the small sections every read loads, together
// at the end.
func (ix *Index) write(w io.WriteSeeker) error {
	var e *binfmt.Encoder
	if ix.recode {
		e = binfmt.NewEncoder()
	} else {
		e = binfmt.NewEncoderWith(ix.strings)
	}
	sw, err := binfmt.NewSectionWriter(w, indexMagic, indexVersion, sectionCount)
	if err != nil {
		return err
	}
	out := &errWriter{w: sw}
	states := ix.sortedStates(func(*fileState) bool { return true })
	sw.Begin(secCalls)
	blockLens := encodeBlocks(e, states, out.write)
	sw.Begin(secReplies)
	out.write(ix.replies)
	// The other sections are encoded one after the other into the same
	// buffer, each written out before the next begins.
	section := func(i int) {
		sw.Begin(i)
		out.write(e.Buf)
		e.Buf = e.Buf[:0]
	}
	encodeStates(e, states, blockLens)
	section(secFiles)
	sw.Begin(secDirs)
	if err := ix.dirs.Encode(sw); err != nil && out.err == nil {
		out.err = err
	}
	ix.encodeReports(e)
	section(secReports)
	e.RawString(ix.key)
	e.Uint(uint64(ix.nextFID))
	e.Uint(uint64(ix.duplicates))
	e.Uint(uint64(ix.replays))
	section(secMeta)
	sw.Begin(secStrings)
	out.write(binfmt.EncodeTable(e.Table))
	if out.err != nil {
		return out.err
	}
	return sw.Close()
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) write(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

// sortedStates are the index's states that keep says to, sorted by path:
// the order a file lists them in.
func (ix *Index) sortedStates(keep func(*fileState) bool) []*fileState {
	states := make([]*fileState, 0, len(ix.files))
	for _, s := range ix.files {
		if keep(s) {
			states = append(states, s)
		}
	}
	sort.Slice(states, func(i, j int) bool { return states[i].path < states[j].path })
	return states
}

// encodeBlocks hands emit each state's calls, in turn: the block as
// loaded when e continues the string table it was encoded against, else
// encoded anew into e.Buf (one buffer, reused state after state; emit
// must not keep it). It returns the blocks' lengths, for encodeStates.
func encodeBlocks(e *binfmt.Encoder, states []*fileState, emit func([]byte)) []int {
	blockLens := make([]int, len(states))
	for i, s := range states {
		b := s.raw()
		if b == nil || !e.Continues(s.block.table) {
			e.Buf = e.Buf[:0]
			encodeEntries(e, s.list())
			b = e.Buf
		}
		emit(b)
		blockLens[i] = len(b)
	}
	return blockLens
}

// encodeStates encodes a files section into e.Buf, emptied first: the
// states, each with the length of its block (from encodeBlocks), which
// lie one after the other in the calls section. decodeStates reads it.
func encodeStates(e *binfmt.Encoder, states []*fileState, blockLens []int) {
	e.Buf = e.Buf[:0]
	e.Grow(filesSize(states))
	e.Uint(uint64(len(states)))
	for i, s := range states {
		encodeFile(e, s, blockLens[i])
	}
}

func encodeFile(e *binfmt.Encoder, s *fileState, blockLen int) {
	e.RawString(s.path)
	e.Uint(uint64(s.fid))
	e.U64(s.id.Dev)
	e.U64(s.id.Ino)
	e.Uint(uint64(s.size))
	e.Int(s.modTime)
	e.Bool(s.trusted)
	e.Uint(uint64(s.offset))
	e.U64(s.head)
	e.U64(s.tail)
	st := s.stats
	for _, n := range [...]int{st.Lines, st.UsageLines, st.BadLines, st.InvalidUTF8, st.APIErrorLines, s.duplicates} {
		e.Uint(uint64(n))
	}
	e.Str(st.FirstBad)
	encodeHits(e, s.hits)
	e.Uint(uint64(s.len()))
	e.Uint(uint64(blockLen))
}

// filesSize is about what the states take encoded (a limit hit's
// message aside), to size the buffer once.
func filesSize(states []*fileState) int {
	n := 10
	for _, s := range states {
		n += len(s.path) + 80
	}
	return n
}
