package binfmt

import (
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
	// the same file (it holds every section's checksum).
	Head    []byte
	offsets []int64
	lengths []int64
	sums    []uint64
}

// Len is the number of sections.
func (s *Sections) Len() int { return len(s.sums) }

// Size is the length of section i.
func (s *Sections) Size(i int) int64 { return s.lengths[i] }

// maxHead bounds the directory of a file of up to 64 sections.
const maxHead = 64 + 10 + 10 + 64*16 + 8

// ReadDirectory reads the directory of a sectioned file of want sections
// from r (of the given size), checking its checksum and that the sections
// fill the file.
func ReadDirectory(r io.ReaderAt, size int64, magic string, version uint64, want int) (*Sections, error) {
	head := make([]byte, min(size, maxHead))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, err
	}
	d, err := opening(magic, version, head)
	if err != nil {
		return nil, err
	}
	if n := d.Uint(); n != uint64(want) || d.Err != nil {
		return nil, ErrCorrupt
	}
	s := &Sections{offsets: make([]int64, want), lengths: make([]int64, want), sums: make([]uint64, want)}
	for i := range s.sums {
		s.lengths[i], s.sums[i] = int64(d.U64()), d.U64()
	}
	headLen := len(head) - len(d.Buf)
	if sum := d.U64(); d.Err != nil || sum != xxhash.Sum64(head[:headLen]) {
		return nil, fmt.Errorf("%w: header checksum mismatch", ErrCorrupt)
	}
	s.Head = head[:headLen+8]
	at := int64(len(s.Head))
	for i := range s.offsets {
		if s.lengths[i] < 0 || s.lengths[i] > size-at {
			return nil, ErrCorrupt
		}
		s.offsets[i] = at
		at += s.lengths[i]
	}
	if at != size {
		return nil, ErrCorrupt
	}
	return s, nil
}

// Load reads sections from to to-1 (next to each other in the file) in
// one read and checks each.
func (s *Sections) Load(r io.ReaderAt, from, to int) ([][]byte, error) {
	start, end := s.offsets[from], s.offsets[to-1]+s.lengths[to-1]
	buf := make([]byte, end-start)
	if _, err := r.ReadAt(buf, start); err != nil {
		return nil, err
	}
	out := make([][]byte, 0, to-from)
	for i := from; i < to; i++ {
		b := buf[s.offsets[i]-start : s.offsets[i]-start+s.lengths[i] : s.offsets[i]-start+s.lengths[i]]
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
	if want == 0 {
		return nil, nil
	}
	return s.Load(r, 0, want)
}

// WriteSections writes a sectioned file of the given sections.
func WriteSections(w io.Writer, magic string, version uint64, sections [][]byte) error {
	head := &Encoder{Buf: []byte(magic)}
	head.Uint(version)
	head.Uint(uint64(len(sections)))
	for _, s := range sections {
		head.U64(uint64(len(s)))
		head.U64(xxhash.Sum64(s))
	}
	head.U64(xxhash.Sum64(head.Buf))
	if _, err := w.Write(head.Buf); err != nil {
		return err
	}
	for _, s := range sections {
		if _, err := w.Write(s); err != nil {
			return err
		}
	}
	return nil
}
