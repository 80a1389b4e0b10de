package usage

import (
	"io"
	"slices"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// fileState is what reading a file up to the end of its last complete line
// found: enough to report the file without reading it again, and to read
// on from there when it grows. A line still being written is never part of
// it: it is read again next time.
type fileState struct {
	path string
	// fid numbers the file in the index's reply table; it stays while the
	// file is in the index.
	fid     uint32
	id      fileIdentity
	size    int64 // the file's size when it was read
	modTime int64 // its modification time then, Unix nanoseconds
	// trusted: modTime lay far enough before the read (see Options.Now)
	// for an unchanged size and time to mean an unchanged file.
	trusted bool
	// offset is where the next read starts: the end of the last complete
	// line. head and tail hash the first and the last (up to) checkBytes
	// bytes before it, so a file rewritten in place is noticed.
	offset     int64
	head, tail uint64
	stats      FileStats // Path, Incomplete and Err are never kept
	duplicates int
	hits       []LimitHit
	// The file's entries: decoded, or as the loaded index holds them
	// (block), decoded when first needed.
	entries []Entry
	block   *callsBlock
	count   int
}

// callsBlock is where a file's entries lie in a loaded index's calls
// section, encoded in the string numbers of table.
type callsBlock struct {
	src      *indexSource
	from, to int
	table    []string
}

// raw returns the state's encoded entries as loaded; nil when it has none
// (a fresh state) or the index's calls cannot be read.
func (s *fileState) raw() []byte {
	if s.block == nil || s.block.src.ensure() != nil {
		return nil
	}
	return s.block.src.calls[s.block.from:s.block.to]
}

// list returns the state's entries, decoding them on first use. The index
// section's checksum was verified when it was read, so they decode as
// they were written; the block is kept, so saving copies it as it is. A
// read loads the section before it lists a loaded state (Index.load), and
// turns to the transcripts when it cannot.
func (s *fileState) list() []Entry {
	if s.entries == nil && s.block != nil {
		d := &binfmt.Decoder{Buf: s.raw(), Table: s.block.table}
		s.entries = decodeEntries(d)
		if d.Err != nil || len(s.entries) != s.count {
			// An index that could not be read back, or a bug: the state
			// holds no entries, and says so to len, which callers index
			// the list by.
			s.entries, s.block, s.count = make([]Entry, 0), nil, 0
		}
	}
	return s.entries
}

// len is the number of the state's entries, without decoding them.
func (s *fileState) len() int {
	if s.block != nil {
		return s.count
	}
	return len(s.entries)
}

// checkBytes is how much of a file's head, and of its bytes before the
// offset, the index hashes.
const checkBytes = 4096

// resume starts a result from a file's earlier state. The entries are
// copied: the last may still be folded with the next line, and the state
// must stay as it was.
func (res *fileResult) resume(from *fileState) {
	path := res.stats.Path
	res.stats = from.stats
	res.stats.Path = path
	res.duplicates = from.duplicates
	res.entries = append(res.entries, from.list()...)
	res.hits = append([]LimitHit(nil), from.hits...)
	res.resumed = true
}

// state is the result so far as a file state ending at offset. The slices
// are capped, so what is appended later does not reach the state; with
// more lines to come (before the last, incomplete line), the entries are
// copied, as that line may still fold into the last.
func (res *fileResult) state(f LogFile, offset int64, r io.Reader, more bool, w *worker) *fileState {
	st := res.stats
	st.Incomplete, st.Err = false, ""
	mt := f.ModTime.UnixNano()
	// A file that grew after it was found was read past the size found.
	s := &fileState{path: f.Path, id: f.ID(), size: max(f.Size, offset), modTime: mt, trusted: discover.Trusted(mt, w.now),
		offset: offset, stats: st, duplicates: res.duplicates, hits: res.hits[:len(res.hits):len(res.hits)]}
	if more {
		s.entries = slices.Clone(res.entries)
		if s.entries == nil {
			s.entries = []Entry{}
		}
	}
	if ra, ok := r.(io.ReaderAt); ok {
		s.head, s.tail, _ = regionSums(ra, offset, w.check[:])
	}
	return s
}

// regionSums hashes the first checkBytes bytes of a file and the
// checkBytes bytes before offset (the same bytes when offset is smaller),
// read into buf (of checkBytes).
func regionSums(ra io.ReaderAt, offset int64, buf []byte) (head, tail uint64, ok bool) {
	buf = buf[:min(offset, checkBytes)]
	if _, err := ra.ReadAt(buf, 0); err != nil {
		return 0, 0, false
	}
	head = xxhash.Sum64(buf)
	if offset <= checkBytes {
		return head, head, true
	}
	if _, err := ra.ReadAt(buf, offset-checkBytes); err != nil {
		return 0, 0, false
	}
	return head, xxhash.Sum64(buf), true
}

// resumable reports whether the file still holds what its state was read
// from, and moves to the state's offset: at least as long, the same first
// bytes and the same bytes before the offset. Anything else (a file
// truncated, replaced, rotated, rewritten) is read again from its start.
func resumable(r io.Reader, from *fileState, buf []byte) bool {
	ra, okAt := r.(io.ReaderAt)
	sk, okSeek := r.(io.Seeker)
	if !okAt || !okSeek {
		return false
	}
	head, tail, ok := regionSums(ra, from.offset, buf)
	if !ok || head != from.head || tail != from.tail {
		return false
	}
	_, err := sk.Seek(from.offset, io.SeekStart)
	return err == nil
}
