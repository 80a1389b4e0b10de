package binfmt

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/cespare/xxhash/v2"
)

// A file starts with its magic and its version. A framed file (an
// export) then holds its string table and one body, and ends with an
// xxhash64 of everything before it. A sectioned file (the cache) then
// holds a directory of its sections, each with its length and checksum,
// the directory's own checksum, and the sections: a reader checks the
// directory, and each section when it first uses it.

// ErrVersion is a file of another format version.
var ErrVersion = errors.New("another version")

// errKind is a file that does not start with the magic asked for.
var errKind = errors.New("not a tierplan file of this kind")

// WriteFrame writes a framed file: magic, version, the encoder's string
// table, its body, the checksum.
func WriteFrame(w io.Writer, magic string, version uint64, enc *Encoder) error {
	head := &Encoder{Buf: []byte(magic)}
	head.Uint(version)
	head.Buf = append(head.Buf, EncodeTable(enc.Table)...)
	h := xxhash.New()
	h.Write(head.Buf)
	h.Write(enc.Buf)
	for _, part := range [][]byte{head.Buf, enc.Buf, binary.LittleEndian.AppendUint64(nil, h.Sum64())} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// Frame returns what WriteFrame writes.
func Frame(magic string, version uint64, enc *Encoder) []byte {
	var b bytes.Buffer
	WriteFrame(&b, magic, version, enc)
	return b.Bytes()
}

// Unframe checks a framed file's magic, version and checksum and returns
// a decoder at its body, its string table read.
func Unframe(magic string, version uint64, b []byte) (*Decoder, error) {
	d, err := opening(magic, version, b)
	if err != nil {
		return nil, err
	}
	body, sum := b[:len(b)-8], binary.LittleEndian.Uint64(b[len(b)-8:])
	if xxhash.Sum64(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	d.Buf = d.Buf[:len(d.Buf)-8]
	d.Table = d.ReadTable()
	return d, d.Err
}

// opening checks magic and version and returns a decoder after them.
func opening(magic string, version uint64, b []byte) (*Decoder, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, errKind
	}
	if len(b) < len(magic)+9 {
		return nil, ErrCorrupt
	}
	d := &Decoder{Buf: b[len(magic):]}
	if v := d.Uint(); v != version {
		if d.Err == nil {
			return nil, fmt.Errorf("%w (%d, this tierplan reads %d)", ErrVersion, v, version)
		}
		return nil, ErrCorrupt
	}
	return d, nil
}

// Sections is the directory of a sectioned file: where each section lies
// and what it hashes to. Its sections are read when needed, each checked
// against its checksum.
type Sections struct {
	// Head is the directory's own bytes: a file whose head is the same is
	// the same file (it holds every section's place and checksum).
	Head    []byte
	offsets []int64
	lengths []int64
	sums    []uint64
}

// Size is the length of section i.
func (s *Sections) Size(i int) int64 { return s.lengths[i] }

// Offset is where section i starts in the file.
func (s *Sections) Offset(i int) int64 { return s.offsets[i] }

// headSize is the length of the directory of n sections.
func headSize(magic string, version uint64, n int) int {
	e := &Encoder{Buf: []byte(magic)}
	e.Uint(version)
	e.Uint(uint64(n))
	return len(e.Buf) + 24*n + 8
}

// ReadDirectory reads the directory of a sectioned file of want sections
// from r (of the given size), checking its checksum and that every
// section lies within the file.
func ReadDirectory(r io.ReaderAt, size int64, magic string, version uint64, want int) (*Sections, error) {
	n := headSize(magic, version, want)
	head := make([]byte, min(size, int64(n)))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, err
	}
	d, err := opening(magic, version, head)
	if err != nil {
		return nil, err
	}
	if k := d.Uint(); k != uint64(want) || d.Err != nil || len(head) != n {
		return nil, ErrCorrupt
	}
	s := &Sections{offsets: make([]int64, want), lengths: make([]int64, want), sums: make([]uint64, want)}
	for i := range s.sums {
		s.offsets[i], s.lengths[i], s.sums[i] = int64(d.U64()), int64(d.U64()), d.U64()
	}
	if sum := d.U64(); d.Err != nil || sum != xxhash.Sum64(head[:n-8]) {
		return nil, fmt.Errorf("%w: header checksum mismatch", ErrCorrupt)
	}
	for i := range s.offsets {
		if s.offsets[i] < int64(n) || s.lengths[i] < 0 || s.offsets[i] > size || s.lengths[i] > size-s.offsets[i] {
			return nil, ErrCorrupt
		}
	}
	s.Head = head
	return s, nil
}

// Load reads the given sections, which lie next to each other in the file
// (as a writer put them), in one read, and checks each.
func (s *Sections) Load(r io.ReaderAt, ids ...int) ([][]byte, error) {
	start, end := int64(-1), int64(0)
	for _, i := range ids {
		if start < 0 || s.offsets[i] < start {
			start = s.offsets[i]
		}
		end = max(end, s.offsets[i]+s.lengths[i])
	}
	var total int64
	for _, i := range ids {
		total += s.lengths[i]
	}
	if end-start != total {
		return nil, fmt.Errorf("%w: sections not together", ErrCorrupt)
	}
	buf := make([]byte, total)
	if _, err := r.ReadAt(buf, start); err != nil {
		return nil, err
	}
	out := make([][]byte, 0, len(ids))
	for _, i := range ids {
		at := s.offsets[i] - start
		b := buf[at : at+s.lengths[i] : at+s.lengths[i]]
		if xxhash.Sum64(b) != s.sums[i] {
			return nil, fmt.Errorf("%w: section checksum mismatch", ErrCorrupt)
		}
		out = append(out, b)
	}
	return out, nil
}

// ReadSections reads a whole sectioned file held in b, every section
// checked.
func ReadSections(magic string, version uint64, want int, b []byte) ([][]byte, error) {
	r := bytes.NewReader(b)
	s, err := ReadDirectory(r, int64(len(b)), magic, version, want)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, want)
	for i := range out {
		parts, err := s.Load(r, i)
		if err != nil {
			return nil, err
		}
		out[i] = parts[0]
	}
	return out, nil
}

// WriteSections writes a sectioned file of the given sections, in order.
func WriteSections(w io.Writer, magic string, version uint64, sections [][]byte) error {
	n := len(sections)
	offsets, lengths, sums := make([]int64, n), make([]int64, n), make([]uint64, n)
	at := int64(headSize(magic, version, n))
	for i, s := range sections {
		offsets[i], lengths[i], sums[i] = at, int64(len(s)), xxhash.Sum64(s)
		at += int64(len(s))
	}
	if _, err := w.Write(directory(magic, version, offsets, lengths, sums)); err != nil {
		return err
	}
	for _, s := range sections {
		if _, err := w.Write(s); err != nil {
			return err
		}
	}
	return nil
}

// SectionWriter writes a sectioned file a part at a time, in any order of
// its sections, so a large one never has to be held whole: the directory
// comes first in the file but is known last, and is written over the
// room kept for it. Writes go through a buffer: the index's encoder
// writes each file's state on its own, thousands of small writes.
type SectionWriter struct {
	w       io.WriteSeeker
	buf     *bufio.Writer
	magic   string
	version uint64
	offsets []int64
	lengths []int64
	sums    []uint64
	cur     int
	at      int64
	h       *xxhash.Digest
}

// NewSectionWriter starts a file of n sections on w.
func NewSectionWriter(w io.WriteSeeker, magic string, version uint64, n int) (*SectionWriter, error) {
	sw := &SectionWriter{w: w, buf: bufio.NewWriterSize(w, sectionWriteBuffer), magic: magic, version: version,
		offsets: make([]int64, n), lengths: make([]int64, n), sums: make([]uint64, n), cur: -1}
	sw.at = int64(headSize(magic, version, n))
	if _, err := sw.buf.Write(make([]byte, sw.at)); err != nil {
		return nil, err
	}
	return sw, nil
}

// sectionWriteBuffer is how much a SectionWriter gathers before it writes.
const sectionWriteBuffer = 128 << 10

// Begin starts section i: what is written next is its bytes.
func (sw *SectionWriter) Begin(i int) {
	sw.end()
	sw.cur, sw.offsets[i], sw.h = i, sw.at, xxhash.New()
}

func (sw *SectionWriter) end() {
	if sw.cur >= 0 {
		sw.lengths[sw.cur] = sw.at - sw.offsets[sw.cur]
		sw.sums[sw.cur] = sw.h.Sum64()
	}
}

// Write adds p to the current section.
func (sw *SectionWriter) Write(p []byte) (int, error) {
	n, err := sw.buf.Write(p)
	sw.h.Write(p[:n])
	sw.at += int64(n)
	return n, err
}

// Close ends the last section and writes the directory.
func (sw *SectionWriter) Close() error {
	sw.end()
	if err := sw.buf.Flush(); err != nil {
		return err
	}
	if _, err := sw.w.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := sw.w.Write(directory(sw.magic, sw.version, sw.offsets, sw.lengths, sw.sums))
	return err
}

// directory encodes the directory of a sectioned file, as ReadDirectory
// reads it: each section's offset, length and checksum, then its own
// checksum (headSize long).
func directory(magic string, version uint64, offsets, lengths []int64, sums []uint64) []byte {
	head := &Encoder{Buf: []byte(magic)}
	head.Uint(version)
	head.Uint(uint64(len(sums)))
	for i := range sums {
		head.U64(uint64(offsets[i]))
		head.U64(uint64(lengths[i]))
		head.U64(sums[i])
	}
	head.U64(xxhash.Sum64(head.Buf))
	return head.Buf
}
