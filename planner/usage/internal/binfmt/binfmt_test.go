package binfmt

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"time"
)

func TestEncoderRoundTrip(t *testing.T) {
	e := NewEncoder()
	at := time.Date(2025, 11, 4, 9, 12, 9, 882e6, time.UTC)
	e.Uint(0)
	e.Uint(math.MaxUint64)
	e.Int(-1 << 62)
	e.U64(0xdeadbeef)
	e.Bool(true)
	e.Str("session")
	e.Str("project")
	e.Str("session") // numbered once
	e.RawString("a path")
	e.Bytes([]byte{1, 2, 3})
	e.Time(at)
	e.Time(time.Time{})
	if len(e.Table) != 2 {
		t.Fatalf("table %q", e.Table)
	}
	d := &Decoder{Buf: e.Buf, Table: e.Table}
	if d.Uint() != 0 || d.Uint() != math.MaxUint64 || d.Int() != -1<<62 || d.U64() != 0xdeadbeef || !d.Bool() {
		t.Fatal("numbers")
	}
	if d.Str() != "session" || d.Str() != "project" || d.Str() != "session" || d.RawString() != "a path" || !bytes.Equal(d.Bytes(), []byte{1, 2, 3}) {
		t.Fatal("strings")
	}
	if !d.Time().Equal(at) || !d.Time().IsZero() {
		t.Fatal("times")
	}
	if err := d.Done(); err != nil {
		t.Fatal(err)
	}
}

// TestDecoderBadInputs: each is refused with ErrCorrupt, and every read
// after the first failure returns zero.
func TestDecoderBadInputs(t *testing.T) {
	for name, c := range map[string]struct {
		buf  []byte
		read func(d *Decoder)
	}{
		"varint cut short":        {[]byte{0x80}, func(d *Decoder) { d.Uint() }},
		"signed varint cut short": {[]byte{0xff}, func(d *Decoder) { d.Int() }},
		"word cut short":          {[]byte{1, 2, 3}, func(d *Decoder) { d.U64() }},
		"bool of 2":               {[]byte{2}, func(d *Decoder) { d.Bool() }},
		"count past the end":      {[]byte{5, 1}, func(d *Decoder) { d.Count() }},
		"bytes past the end":      {[]byte{9, 'a'}, func(d *Decoder) { d.Bytes() }},
		"string not in the table": {[]byte{3}, func(d *Decoder) { d.Str() }},
		"nanoseconds too many":    {[]byte{0, 0x80, 0x96, 0xdc, 0xe8, 0x03 + 1}, func(d *Decoder) { d.Time() }},
		"bytes left over":         {[]byte{1, 2}, func(d *Decoder) { d.Uint() }},
	} {
		d := &Decoder{Buf: c.buf, Table: []string{"only"}}
		c.read(d)
		if err := d.Done(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", name, err)
		}
		if d.Uint() != 0 || d.Str() != "" {
			t.Errorf("%s: a read after the failure returned something", name)
		}
	}
}

func TestFrameRoundTripAndRefusals(t *testing.T) {
	e := NewEncoder()
	e.Str("x")
	e.Uint(42)
	good := Frame("magic\n", 3, e)
	d, err := Unframe("magic\n", 3, good)
	if err != nil || d.Str() != "x" || d.Uint() != 42 || d.Done() != nil {
		t.Fatalf("%v", err)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-9] ^= 1
	for name, c := range map[string]struct {
		b    []byte
		want error
	}{
		"other magic":   {Frame("other\n", 3, e), errKind},
		"other version": {Frame("magic\n", 4, e), ErrVersion},
		"flipped":       {flipped, ErrCorrupt},
		"cut short":     {good[:8], ErrCorrupt},
	} {
		if _, err := Unframe("magic\n", 3, c.b); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

// memFile is a file in memory that a SectionWriter can seek in.
type memFile struct {
	b  []byte
	at int64
}

func (m *memFile) Write(p []byte) (int, error) {
	if need := m.at + int64(len(p)); need > int64(len(m.b)) {
		m.b = append(m.b, make([]byte, need-int64(len(m.b)))...)
	}
	copy(m.b[m.at:], p)
	m.at += int64(len(p))
	return len(p), nil
}

func (m *memFile) Seek(off int64, _ int) (int64, error) { m.at = off; return off, nil }

// A file written section by section, in another order than its
// directory's, reads back as written; sections next to each other load
// in one read.
func TestSectionWriter(t *testing.T) {
	var f memFile
	sw, err := NewSectionWriter(&f, "sections\n", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{2, 0, 1} {
		sw.Begin(i)
		sw.Write([]byte{byte(i), byte(i)})
		sw.Write([]byte{byte(i)})
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(f.b)
	dir, err := ReadDirectory(r, int64(len(f.b)), "sections\n", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := dir.Load(r, 0, 1)
	if err != nil || !bytes.Equal(parts[0], []byte{0, 0, 0}) || !bytes.Equal(parts[1], []byte{1, 1, 1}) {
		t.Fatalf("%v %v", parts, err)
	}
	// In the file: 2, 0, 1.
	if _, err := dir.Load(r, 2, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Load(r, 2, 1); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("sections apart loaded together: %v", err)
	}
	all, err := ReadSections("sections\n", 1, 3, f.b)
	if err != nil || !bytes.Equal(all[2], []byte{2, 2, 2}) {
		t.Fatalf("%v %v", all, err)
	}
}

// TestSectionsBadInputs: a directory that does not hold together, a
// section outside the file, sections asked for together that lie apart.
func TestSectionsBadInputs(t *testing.T) {
	good := sectioned(t, [][]byte{[]byte("meta"), []byte("body")})
	bad := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for name, b := range map[string][]byte{
		"empty":           {},
		"magic only":      []byte("sections\n"),
		"other version":   sectioned2(t, 2),
		"head flipped":    bad(func(b []byte) []byte { b[12] ^= 1; return b }),
		"cut short":       good[:len(good)-2],
		"section flipped": bad(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }),
	} {
		if _, err := ReadSections("sections\n", 1, 2, b); err == nil {
			t.Errorf("%s: read", name)
		}
	}
	var f memFile
	sw, _ := NewSectionWriter(&f, "sections\n", 1, 3)
	for _, i := range []int{0, 2, 1} {
		sw.Begin(i)
		sw.Write([]byte("x"))
	}
	sw.Close()
	r := bytes.NewReader(f.b)
	dir, err := ReadDirectory(r, int64(len(f.b)), "sections\n", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Load(r, 0, 1); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("sections apart loaded together: %v", err)
	}
}

func sectioned(t *testing.T, parts [][]byte) []byte {
	var b bytes.Buffer
	if err := WriteSections(&b, "sections\n", 1, parts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sectioned2(t *testing.T, version uint64) []byte {
	var b bytes.Buffer
	WriteSections(&b, "sections\n", version, [][]byte{[]byte("meta"), []byte("body")})
	return b.Bytes()
}

// FuzzReadSections: whatever the bytes, reading a sectioned file never
// panics, and what it reads, it read from within the file.
func FuzzReadSections(f *testing.F) {
	var b bytes.Buffer
	WriteSections(&b, "sections\n", 1, [][]byte{[]byte("meta"), []byte("a longer body")})
	f.Add(b.Bytes())
	f.Add([]byte("sections\n\x01\x02"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parts, err := ReadSections("sections\n", 1, 2, b)
		if err != nil {
			return
		}
		for _, p := range parts {
			if len(p) > len(b) {
				t.Fatal("a section longer than the file")
			}
		}
	})
}

// An encoder continues its loaded table and any start of it (the same
// backing strings), never another table or a longer one.
func TestEncoderContinues(t *testing.T) {
	table := []string{"a", "b", "c"}
	e := NewEncoderWith(table)
	for _, c := range []struct {
		name  string
		table []string
		want  bool
	}{
		{"itself", table, true},
		{"a start", table[:2], true},
		{"empty", nil, true},
		{"a copy", []string{"a", "b", "c"}, false},
		{"the rest", table[1:], false},
		{"longer", append(table[:3:3], "d"), false},
	} {
		if got := e.Continues(c.table); got != c.want {
			t.Errorf("%s: Continues = %v, want %v", c.name, got, c.want)
		}
	}
}

// countingFile is a memFile that counts its writes, and fails them once
// failAfter bytes are written (when set).
type countingFile struct {
	memFile
	writes    int
	failAfter int64
}

var errDiskFull = errors.New("no space left on device")

func (c *countingFile) Write(p []byte) (int, error) {
	c.writes++
	if c.failAfter > 0 && c.at+int64(len(p)) > c.failAfter {
		return 0, errDiskFull
	}
	return c.memFile.Write(p)
}

// Many small writes reach the file as a few large ones, and still read
// back whole.
func TestSectionWriterGathersSmallWrites(t *testing.T) {
	var f countingFile
	sw, err := NewSectionWriter(&f, "sections\n", 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	sw.Begin(0)
	want := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320 KB in 20,000 writes
	for i := 0; i < len(want); i += 16 {
		sw.Write(want[i : i+16])
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	if f.writes > 2+len(want)/sectionWriteBuffer+1 {
		t.Errorf("%d writes reached the file", f.writes)
	}
	all, err := ReadSections("sections\n", 1, 1, f.b)
	if err != nil || !bytes.Equal(all[0], want) {
		t.Fatalf("read back %d bytes, %v", len(all[0]), err)
	}
}

// A write the file refuses, however late the buffer passes it on, is the
// error of Write or of Close.
func TestSectionWriterReportsAWriteError(t *testing.T) {
	for _, size := range []int{100 << 10, 1 << 20} { // past the file's room before or after the buffer fills
		f := countingFile{failAfter: 64 << 10}
		sw, err := NewSectionWriter(&f, "sections\n", 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		sw.Begin(0)
		var werr error
		for written := 0; written < size && werr == nil; written += 10 {
			_, werr = sw.Write([]byte("0123456789"))
		}
		if cerr := sw.Close(); !errors.Is(werr, errDiskFull) && !errors.Is(cerr, errDiskFull) {
			t.Errorf("%d bytes: write %v, close %v; want the file's error", size, werr, cerr)
		}
	}
}
