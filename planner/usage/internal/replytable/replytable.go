// Package replytable is the table of distinct API responses the usage
// cache keeps: for each response id (the hashes of a reply's message id
// and request id), where its first copy lies and which copy counts. The
// records are fixed-width and sorted by id, so a read that merges a few
// new calls finds each by binary search in the bytes as loaded, and a
// save copies the table with a few records replaced or inserted, without
// decoding it.
package replytable

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
)

// RecordSize is the bytes of one record: message id and request id
// hashes, the counted copy's and the first copy's file and position, and
// a flag word.
const RecordSize = 36

// Pos is where a copy of a response lies: a file's number and the index
// of the entry in that file's list.
type Pos struct{ File, Idx uint32 }

// Record is one distinct response.
type Record struct {
	Msg, Req uint64
	// Win is the copy that counts (the largest, first on a tie); First is
	// the first copy in the order files are merged (by path), which places
	// the response among others of the same instant.
	Win, First Pos
	// Dropped: a sidechain replay of another response, left out.
	Dropped bool
}

// Table is records sorted by (Msg, Req), each id once.
type Table []byte

// ErrBadTable is a table whose length is not a whole number of records.
var ErrBadTable = errors.New("reply table: not a whole number of records")

// Load checks b's length; the order is the writer's (a table from a file
// whose checksum held).
func Load(b []byte) (Table, error) {
	if len(b)%RecordSize != 0 {
		return nil, ErrBadTable
	}
	return Table(b), nil
}

// Len is the number of records.
func (t Table) Len() int { return len(t) / RecordSize }

// At returns record i.
func (t Table) At(i int) Record {
	b := t[i*RecordSize : (i+1)*RecordSize]
	le := binary.LittleEndian
	return Record{
		Msg: le.Uint64(b), Req: le.Uint64(b[8:]),
		Win:     Pos{le.Uint32(b[16:]), le.Uint32(b[20:])},
		First:   Pos{le.Uint32(b[24:]), le.Uint32(b[28:])},
		Dropped: le.Uint32(b[32:])&1 != 0,
	}
}

func (t Table) key(i int) (uint64, uint64) {
	b := t[i*RecordSize:]
	return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
}

// Find returns the index of the record of (msg, req), or where it would
// be inserted and false.
func (t Table) Find(msg, req uint64) (int, bool) {
	lo, hi := 0, t.Len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		km, kr := t.key(m)
		if km < msg || km == msg && kr < req {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < t.Len() {
		if km, kr := t.key(lo); km == msg && kr == req {
			return lo, true
		}
	}
	return lo, false
}

// MsgRange returns the records [lo, hi) of one message id.
func (t Table) MsgRange(msg uint64) (lo, hi int) {
	lo, _ = t.Find(msg, 0)
	hi = lo
	for hi < t.Len() {
		if km, _ := t.key(hi); km != msg {
			break
		}
		hi++
	}
	return lo, hi
}

func appendRecord(b []byte, r Record) []byte {
	le := binary.LittleEndian
	b = le.AppendUint64(b, r.Msg)
	b = le.AppendUint64(b, r.Req)
	b = le.AppendUint32(b, r.Win.File)
	b = le.AppendUint32(b, r.Win.Idx)
	b = le.AppendUint32(b, r.First.File)
	b = le.AppendUint32(b, r.First.Idx)
	var flags uint32
	if r.Dropped {
		flags |= 1
	}
	return le.AppendUint32(b, flags)
}

// compare orders records by id.
func compare(a, b Record) int {
	if c := cmp.Compare(a.Msg, b.Msg); c != 0 {
		return c
	}
	return cmp.Compare(a.Req, b.Req)
}

// Append adds a record after the table's last, which must come before it
// (a table built in id order).
func (t Table) Append(r Record) Table { return appendRecord(t, r) }

// Build encodes records (in any order, each id once) as a table.
func Build(records []Record) Table {
	slices.SortFunc(records, compare)
	b := make([]byte, 0, len(records)*RecordSize)
	for _, r := range records {
		b = appendRecord(b, r)
	}
	return b
}

// With returns a new table: t with the records of edits (each id once)
// put in, replacing a record of the same id or inserted in order. t is
// left as it was.
func (t Table) With(edits []Record) Table {
	slices.SortFunc(edits, compare)
	out := make([]byte, 0, len(t)+len(edits)*RecordSize)
	from := 0
	for _, r := range edits {
		i, found := t.Find(r.Msg, r.Req)
		if i < from { // only in a table out of order (a forged file)
			i, found = from, false
		}
		out = append(out, t[from*RecordSize:i*RecordSize]...)
		out = appendRecord(out, r)
		from = i
		if found {
			from++
		}
	}
	return append(out, t[from*RecordSize:]...)
}
