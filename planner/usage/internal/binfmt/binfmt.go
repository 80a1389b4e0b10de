// Package binfmt is the compact binary encoding of tierplan's usage cache
// and export files: unsigned varints, strings by number from a table
// written once per file, fixed-width little-endian words where a reader
// must find its way without decoding, and files made of sections that
// each carry their own checksum, so a reader verifies only what it reads.
//
// Decoding never trusts its input: the first failure sticks in the
// decoder, every later read returns zero, and no length read from a file
// allocates more than the bytes that are there.
package binfmt

import (
	"encoding/binary"
	"errors"
	"slices"
	"time"
)

// Encoder appends an encoding to Buf. Strings are written by their
// number in Table, which grows as new ones are met; a file writes its
// table once, in a section of its own.
type Encoder struct {
	Buf     []byte
	Table   []string
	strings map[string]uint64
	base    []string // the loaded table the encoder continues
}

// NewEncoder starts an encoder with an empty table.
func NewEncoder() *Encoder { return &Encoder{strings: map[string]uint64{}} }

// NewEncoderWith starts from the string table of a file read before, so
// bytes copied from that file keep their meaning.
func NewEncoderWith(table []string) *Encoder {
	e := &Encoder{strings: make(map[string]uint64, len(table)), Table: table[:len(table):len(table)], base: table}
	for i, s := range table {
		if _, dup := e.strings[s]; !dup {
			e.strings[s] = uint64(i)
		}
	}
	return e
}

// Continues reports whether table is the loaded table the encoder's own
// starts with, or a start of it (the same strings at the same numbers),
// so that bytes encoded against it may be copied as they are.
func (e *Encoder) Continues(table []string) bool {
	if len(table) == 0 {
		return true
	}
	return len(table) <= len(e.base) && &e.base[0] == &table[0]
}

// Grow makes room for n more bytes, so a section whose size is known
// roughly is encoded into one buffer instead of a chain of doublings.
func (e *Encoder) Grow(n int) { e.Buf = slices.Grow(e.Buf, n) }

func (e *Encoder) Uint(v uint64) { e.Buf = binary.AppendUvarint(e.Buf, v) }
func (e *Encoder) Int(v int64)   { e.Buf = binary.AppendVarint(e.Buf, v) }
func (e *Encoder) U64(v uint64)  { e.Buf = binary.LittleEndian.AppendUint64(e.Buf, v) }

func (e *Encoder) Bool(v bool) {
	if v {
		e.Buf = append(e.Buf, 1)
	} else {
		e.Buf = append(e.Buf, 0)
	}
}

// Str writes a string by its number in the table.
func (e *Encoder) Str(s string) {
	n, ok := e.strings[s]
	if !ok {
		n = uint64(len(e.Table))
		e.strings[s] = n
		e.Table = append(e.Table, s)
	}
	e.Uint(n)
}

// RawString writes a string's bytes, length first (paths, the table's own
// entries: strings that are not worth numbering).
func (e *Encoder) RawString(s string) {
	e.Uint(uint64(len(s)))
	e.Buf = append(e.Buf, s...)
}

// Bytes writes b, length first.
func (e *Encoder) Bytes(b []byte) {
	e.Uint(uint64(len(b)))
	e.Buf = append(e.Buf, b...)
}

// Time writes an instant to the nanosecond; the zero time is its own value.
func (e *Encoder) Time(t time.Time) {
	if t.IsZero() {
		e.Int(0)
		e.Uint(0)
		return
	}
	e.Int(t.Unix())
	e.Uint(uint64(t.Nanosecond()) + 1)
}

// ErrCorrupt is any decoding failure: the bytes are not what they say.
var ErrCorrupt = errors.New("corrupt")

// Decoder reads what Encoder wrote. The first failure sticks in Err and
// every later read returns zero.
type Decoder struct {
	Buf   []byte
	Table []string
	Err   error
}

// Fail marks the input corrupt.
func (d *Decoder) Fail() {
	if d.Err == nil {
		d.Err = ErrCorrupt
	}
	d.Buf = nil
}

func (d *Decoder) Uint() uint64 {
	v, n := binary.Uvarint(d.Buf)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.Buf = d.Buf[n:]
	return v
}

func (d *Decoder) Int() int64 {
	v, n := binary.Varint(d.Buf)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.Buf = d.Buf[n:]
	return v
}

func (d *Decoder) U64() uint64 {
	if len(d.Buf) < 8 {
		d.Fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.Buf)
	d.Buf = d.Buf[8:]
	return v
}

func (d *Decoder) Bool() bool {
	switch d.Uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.Fail()
	return false
}

// Count reads a length and checks it against what is left (each item
// takes a byte at least), so a corrupt length allocates nothing huge.
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > uint64(len(d.Buf)) {
		d.Fail()
		return 0
	}
	return int(n)
}

// Bytes reads what Encoder.Bytes wrote; the result shares the input.
func (d *Decoder) Bytes() []byte {
	n := d.Count()
	b := d.Buf[:n:n]
	d.Buf = d.Buf[n:]
	return b
}

// RawString reads what Encoder.RawString wrote.
func (d *Decoder) RawString() string { return string(d.Bytes()) }

// Str reads a string by its number in the table.
func (d *Decoder) Str() string {
	n := d.Uint()
	if d.Err != nil || n >= uint64(len(d.Table)) {
		d.Fail()
		return ""
	}
	return d.Table[n]
}

// Time reads what Encoder.Time wrote, in UTC.
func (d *Decoder) Time() time.Time {
	sec, nsec := d.Int(), d.Uint()
	if nsec == 0 || nsec > 1e9 {
		if nsec > 1e9 {
			d.Fail()
		}
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec-1)).UTC()
}

// Done fails unless every byte was read.
func (d *Decoder) Done() error {
	if d.Err == nil && len(d.Buf) != 0 {
		d.Fail()
	}
	return d.Err
}

// ReadTable reads a string table as EncodeTable wrote it.
func (d *Decoder) ReadTable() []string {
	n := d.Count()
	table := make([]string, 0, n)
	for i := 0; i < n && d.Err == nil; i++ {
		table = append(table, d.RawString())
	}
	return table
}

// EncodeTable writes a string table.
func EncodeTable(table []string) []byte {
	e := &Encoder{}
	e.Uint(uint64(len(table)))
	for _, s := range table {
		e.RawString(s)
	}
	return e.Buf
}
