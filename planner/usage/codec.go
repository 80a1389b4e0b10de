package usage

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
)

// The index and export files share one compact encoding: unsigned varints,
// strings by number from a table written once per file, response ids as
// their two 64-bit hashes, never a message's text.

// encoder appends the encoding to buf.
type encoder struct {
	buf     []byte
	strings map[string]uint64
	table   []string
	base    []string // the loaded table the encoder continues
}

func newEncoder() *encoder { return &encoder{strings: map[string]uint64{}} }

// newEncoderWith starts from the string table of a file read before, so
// blocks copied from that file keep their meaning.
func newEncoderWith(table []string) *encoder {
	e := &encoder{strings: make(map[string]uint64, len(table)), table: table[:len(table):len(table)], base: table}
	for i, s := range table {
		if _, dup := e.strings[s]; !dup {
			e.strings[s] = uint64(i)
		}
	}
	return e
}

// continues reports whether table is the loaded table the encoder's own
// starts with.
func (e *encoder) continues(table []string) bool {
	if len(table) == 0 {
		return true
	}
	return len(e.base) == len(table) && &e.base[0] == &table[0]
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) int(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }
func (e *encoder) u64(v uint64)  { e.buf = binary.LittleEndian.AppendUint64(e.buf, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// str writes a string by its number in the table.
func (e *encoder) str(s string) {
	n, ok := e.strings[s]
	if !ok {
		n = uint64(len(e.table))
		e.strings[s] = n
		e.table = append(e.table, s)
	}
	e.uint(n)
}

func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.int(0)
		e.uint(0)
		return
	}
	e.int(t.Unix())
	e.uint(uint64(t.Nanosecond()) + 1)
}

// entries writes entries; times in seconds as differences from the
// previous one, and nanoseconds.
func (e *encoder) entries(list []Entry) {
	e.uint(uint64(len(list)))
	var prev int64
	for i := range list {
		x := &list[i]
		sec := x.Time.Unix()
		e.int(sec - prev)
		e.uint(uint64(x.Time.Nanosecond()))
		prev = sec
		flags := uint64(0)
		if x.id.hasMsg {
			flags |= 1
		}
		if x.Sidechain {
			flags |= 2
		}
		if x.Subagent {
			flags |= 4
		}
		e.uint(flags)
		if x.id.hasMsg {
			e.u64(x.id.msg)
			e.u64(x.id.req)
		}
		e.str(x.SessionID)
		e.str(x.Project)
		e.str(x.Model)
		t := x.Tokens
		for _, n := range [...]int64{t.Input, t.Output, t.CacheWrite5m, t.CacheWrite1h, t.CacheRead, x.WebSearches} {
			e.uint(uint64(n))
		}
	}
}

func (e *encoder) hits(list []LimitHit) {
	e.uint(uint64(len(list)))
	for _, h := range list {
		e.time(h.Time)
		e.str(h.SessionID)
		e.str(h.Project)
		e.str(h.Kind)
		e.time(h.ResetAt)
		e.str(h.Message)
	}
}

// errCorrupt is any decoding failure: the file is not what it says.
var errCorrupt = errors.New("corrupt")

// decoder reads what encoder wrote; the first failure sticks in err and
// every later read returns zero.
type decoder struct {
	buf   []byte
	table []string
	err   error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.buf = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) u64() uint64 {
	if len(d.buf) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.buf)
	d.buf = d.buf[8:]
	return v
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a length and checks it against what is left (each item
// takes a byte at least), so a corrupt length allocates nothing huge.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	return int(n)
}

// rawString reads a length-prefixed string (the table's own entries).
func (d *decoder) rawString() string {
	n := d.count()
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *decoder) str() string {
	n := d.uint()
	if n >= uint64(len(d.table)) {
		d.fail()
		return ""
	}
	return d.table[n]
}

func (d *decoder) time() time.Time {
	sec, nsec := d.int(), d.uint()
	if nsec == 0 || nsec > 1e9 {
		if nsec > 1e9 {
			d.fail()
		}
		return time.Time{}
	}
	if sec > maxLogUnix || sec < -maxLogUnix { // no line can carry it: a corrupt file
		d.fail()
	}
	return time.Unix(sec, int64(nsec-1)).UTC()
}

// maxCount is what one token field may hold, as a line may.
const maxCount = transcript.MaxTokenCount

func (d *decoder) entries() []Entry {
	n := d.count()
	list := make([]Entry, n)
	var prev int64
	for i := range list {
		x := &list[i]
		prev += d.int()
		nsec := d.uint()
		if nsec >= 1e9 || prev > maxLogUnix || prev < -maxLogUnix {
			d.fail()
		}
		x.Time = time.Unix(prev, int64(nsec)).UTC()
		flags := d.uint()
		if flags > 7 {
			d.fail()
		}
		if flags&1 != 0 {
			x.id = responseID{msg: d.u64(), req: d.u64(), hasMsg: true}
		}
		x.Sidechain, x.Subagent = flags&2 != 0, flags&4 != 0
		x.SessionID, x.Project, x.Model = d.str(), d.str(), d.str()
		for _, p := range [...]*int64{&x.Tokens.Input, &x.Tokens.Output, &x.Tokens.CacheWrite5m, &x.Tokens.CacheWrite1h, &x.Tokens.CacheRead, &x.WebSearches} {
			v := d.uint()
			if v > maxCount {
				d.fail()
			}
			*p = int64(v)
		}
		if d.err != nil {
			return nil
		}
	}
	return list
}

func (d *decoder) hits() []LimitHit {
	n := d.count()
	list := make([]LimitHit, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		list = append(list, LimitHit{Time: d.time(), SessionID: d.str(), Project: d.str(), Kind: d.str(), ResetAt: d.time(), Message: d.str()})
	}
	return list
}

// block writes what f writes, preceded by its length, so a reader can pass
// over it without decoding it.
func (e *encoder) block(f func()) {
	outer := e.buf
	e.buf = nil
	f()
	inner := e.buf
	e.buf = binary.AppendUvarint(outer, uint64(len(inner)))
	e.buf = append(e.buf, inner...)
}

// lazyEntries passes over a block of entries, keeping it to decode later.
func (d *decoder) lazyEntries() *lazyEntries {
	n := d.count()
	raw := d.buf[:n]
	d.buf = d.buf[n:]
	count, k := binary.Uvarint(raw)
	if k <= 0 || count > uint64(len(raw)) {
		d.fail()
		return nil
	}
	return &lazyEntries{raw: raw, table: d.table, count: int(count)}
}
