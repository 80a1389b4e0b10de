package usage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/cespare/xxhash/v2"
)

// fileState is what reading a file up to the end of its last complete line
// found: enough to report the file without reading it again, and to read
// on from there when it grows. A line still being written is never part of
// it: it is read again next time.
type fileState struct {
	path    string
	id      fileIdentity
	size    int64 // the file's size when it was read
	modTime int64 // its modification time then, Unix nanoseconds
	// offset is where the next read starts: the end of the last complete
	// line. head and tail hash the first and the last (up to) checkBytes
	// bytes before it, so a file rewritten in place is noticed.
	offset     int64
	head, tail uint64
	stats      FileStats // Path, Incomplete and Err are never kept
	duplicates int
	entries    []Entry // use list(): loaded from an index, they are decoded when first needed
	lazy       *lazyEntries
	hits       []LimitHit
}

// lazyEntries is a state's entries as the index file holds them: a run
// that finds nothing changed never decodes them.
type lazyEntries struct {
	raw     []byte
	table   []string
	count   int
	decoded bool
}

// list returns the state's entries, decoding them on first use. The index
// file's checksum was verified when it was loaded, so they decode as they
// were written. The encoded block is kept: saving the index again copies
// it as it is.
func (s *fileState) list() []Entry {
	if s.lazy != nil && !s.lazy.decoded {
		s.entries = s.lazy.decode()
	}
	return s.entries
}

func (l *lazyEntries) decode() []Entry {
	d := decoder{buf: l.raw, table: l.table}
	l.decoded = true
	return d.entries()
}

// entriesBlock writes a list of entries as a block: the loaded block as it
// was when the encoder continues the loaded file's string table.
func (e *encoder) entriesBlock(lazy *lazyEntries, list func() []Entry) {
	if lazy != nil && e.continues(lazy.table) {
		e.uint(uint64(len(lazy.raw)))
		e.buf = append(e.buf, lazy.raw...)
		return
	}
	e.block(func() { e.entries(list()) })
}

// count is how many entries the state holds, without decoding them.
func (s *fileState) count() int {
	if s.lazy != nil {
		return s.lazy.count
	}
	return len(s.entries)
}

// checkBytes is how much of a file's head, and of its bytes before the
// offset, the index hashes.
const checkBytes = 4096

// The file formats. A file starts with its magic and version and ends with
// an xxhash64 of everything before it; anything else is not read.
const (
	indexMagic  = "tierplan usage index\n"
	exportMagic = "tierplan usage export\n"
	// formatVersion 2: lines dated past maxLogYear are unreadable, so an
	// index that may hold them is rebuilt.
	formatVersion = 2
)

// frame wraps a body written with enc: magic, version, the string table,
// the body, the checksum.
func frame(magic string, enc *encoder) []byte {
	var b bytes.Buffer
	writeFrame(&b, magic, enc)
	return b.Bytes()
}

// writeFrame writes what frame returns, the body straight from the
// encoder, so a large index is never copied whole in memory.
func writeFrame(w io.Writer, magic string, enc *encoder) error {
	head := &encoder{buf: []byte(magic)}
	head.uint(formatVersion)
	head.uint(uint64(len(enc.table)))
	for _, s := range enc.table {
		head.uint(uint64(len(s)))
		head.buf = append(head.buf, s...)
	}
	h := xxhash.New()
	h.Write(head.buf)
	h.Write(enc.buf)
	for _, part := range [][]byte{head.buf, enc.buf, binary.LittleEndian.AppendUint64(nil, h.Sum64())} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// errVersion is a file of another format version.
var errVersion = errors.New("another version")

// unframe checks magic, version and checksum and returns a decoder at the
// body, its string table read.
func unframe(magic string, b []byte) (*decoder, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, errors.New("not a tierplan file of this kind")
	}
	if len(b) < len(magic)+8 {
		return nil, errCorrupt
	}
	body, sum := b[:len(b)-8], binary.LittleEndian.Uint64(b[len(b)-8:])
	d := &decoder{buf: body[len(magic):]}
	if v := d.uint(); v != formatVersion {
		if d.err == nil {
			return nil, fmt.Errorf("%w (%d, this tierplan reads %d)", errVersion, v, formatVersion)
		}
		return nil, errCorrupt
	}
	if xxhash.Sum64(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	n := d.count()
	d.table = make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		d.table = append(d.table, d.rawString())
	}
	return d, d.err
}

// encodeIndex returns the file encodeIndexBody writes.
func encodeIndex(key string, states []*fileState, snap *snapshot, table []string) []byte {
	return frame(indexMagic, encodeIndexBody(key, states, snap, table))
}

// encodeIndexBody encodes the states of an index for the given roots key,
// and the merged result of the last read when there is one.
func encodeIndexBody(key string, states []*fileState, snap *snapshot, table []string) *encoder {
	e := newEncoderWith(table)
	// Sized up front (blocks copied as loaded, about 48 bytes a new call),
	// so the buffer is not regrown and copied as it fills.
	size := 64
	for _, s := range states {
		size += 128 + len(s.path) + 48*len(s.entries)
		if s.lazy != nil {
			size += len(s.lazy.raw)
		}
	}
	if snap != nil {
		size += 48 * len(snap.entries)
		if snap.lazy != nil {
			size += len(snap.lazy.raw)
		}
	}
	e.buf = make([]byte, 0, size)
	e.str(key)
	e.uint(uint64(len(states)))
	for _, s := range states {
		e.str(s.path)
		e.u64(s.id.dev)
		e.u64(s.id.ino)
		e.uint(uint64(s.size))
		e.int(s.modTime)
		e.uint(uint64(s.offset))
		e.u64(s.head)
		e.u64(s.tail)
		st := s.stats
		for _, n := range [...]int{st.Lines, st.UsageLines, st.BadLines, st.InvalidUTF8, st.APIErrorLines, s.duplicates} {
			e.uint(uint64(n))
		}
		e.str(st.FirstBad)
		e.hits(s.hits)
		e.entriesBlock(s.lazy, s.list)
	}
	e.bool(snap != nil)
	if snap != nil {
		e.u64(snap.fingerprint)
		e.uint(uint64(snap.replays))
		e.uint(uint64(snap.duplicates))
		e.entriesBlock(snap.lazy, snap.list)
	}
	return e
}

// decodeIndex reads an index; key must match the one it was written for.
func decodeIndex(b []byte, key string) (map[string]*fileState, *snapshot, []string, error) {
	d, err := unframe(indexMagic, b)
	if err != nil {
		return nil, nil, nil, err
	}
	if k := d.str(); k != key && d.err == nil {
		return nil, nil, nil, errors.New("written for other paths")
	}
	n := d.count()
	states := make(map[string]*fileState, n)
	for i := 0; i < n && d.err == nil; i++ {
		s := &fileState{path: d.str()}
		s.id = fileIdentity{dev: d.u64(), ino: d.u64()}
		s.size, s.modTime, s.offset = int64(d.uint()), d.int(), int64(d.uint())
		s.head, s.tail = d.u64(), d.u64()
		st := &s.stats
		for _, p := range [...]*int{&st.Lines, &st.UsageLines, &st.BadLines, &st.InvalidUTF8, &st.APIErrorLines, &s.duplicates} {
			*p = int(d.uint())
		}
		st.FirstBad = d.str()
		st.Path = s.path
		s.hits = d.hits()
		s.lazy = d.lazyEntries()
		if s.offset > s.size {
			d.fail()
		}
		states[s.path] = s
	}
	var snap *snapshot
	if d.bool() {
		snap = &snapshot{fingerprint: d.u64(), replays: int(d.uint()), duplicates: int(d.uint())}
		snap.lazy = d.lazyEntries()
	}
	if d.err == nil && len(d.buf) != 0 {
		d.fail()
	}
	if d.err != nil {
		return nil, nil, nil, d.err
	}
	return states, snap, d.table, nil
}

// snapshot is the merged result of a read that found every file: its calls
// deduplicated, sorted, replays dropped, before --since and --until. A read
// of the same files in the same states (the fingerprint) takes it as is.
type snapshot struct {
	fingerprint         uint64
	replays, duplicates int
	entries             []Entry
	lazy                *lazyEntries
}

func (s *snapshot) list() []Entry {
	if s.lazy != nil && !s.lazy.decoded {
		s.entries = s.lazy.decode()
	}
	return s.entries
}
