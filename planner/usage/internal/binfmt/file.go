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

// Section is one section of a sectioned file, checked when first used.
type Section struct {
	body    []byte
	sum     uint64
	checked bool
}

// Bytes returns the section's bytes, or ErrCorrupt when they do not hash
// as the directory says.
func (s *Section) Bytes() ([]byte, error) {
	if !s.checked {
		if xxhash.Sum64(s.body) != s.sum {
			return nil, fmt.Errorf("%w: section checksum mismatch", ErrCorrupt)
		}
		s.checked = true
	}
	return s.body, nil
}

// Len is the section's length in bytes.
func (s *Section) Len() int { return len(s.body) }

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

// ReadSections reads the directory of a sectioned file of want sections;
// the sections share b.
func ReadSections(magic string, version uint64, want int, b []byte) ([]Section, error) {
	d, err := opening(magic, version, b)
	if err != nil {
		return nil, err
	}
	if n := d.Uint(); n != uint64(want) || d.Err != nil {
		return nil, ErrCorrupt
	}
	out := make([]Section, want)
	lengths := make([]uint64, want)
	for i := range out {
		lengths[i], out[i].sum = d.U64(), d.U64()
	}
	headLen := len(b) - len(d.Buf)
	if sum := d.U64(); d.Err != nil || sum != xxhash.Sum64(b[:headLen]) {
		return nil, fmt.Errorf("%w: header checksum mismatch", ErrCorrupt)
	}
	rest := d.Buf
	for i := range out {
		if lengths[i] > uint64(len(rest)) {
			return nil, ErrCorrupt
		}
		out[i].body, rest = rest[:lengths[i]:lengths[i]], rest[lengths[i]:]
	}
	if len(rest) != 0 {
		return nil, ErrCorrupt
	}
	return out, nil
}

// Raw returns the section's bytes unchecked (tests that forge a file).
func (s *Section) Raw() []byte { return s.body }
