package transcript

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

func readAllLines(t *testing.T, r io.Reader) (lines []string, lastComplete bool) {
	t.Helper()
	lr := NewReader(r)
	lastComplete = true
	for {
		line, complete, err := lr.Next()
		if err == io.EOF {
			return lines, lastComplete
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
		lastComplete = complete
	}
}

func TestLineReader(t *testing.T) {
	lines, complete := readAllLines(t, strings.NewReader("a\r\nb\n\nlast"))
	if strings.Join(lines, "|") != "a|b||last" || complete {
		t.Fatalf("lines %q complete %v", lines, complete)
	}
	lines, complete = readAllLines(t, strings.NewReader("a\n"))
	if len(lines) != 1 || !complete {
		t.Fatalf("lines %q complete %v", lines, complete)
	}
}

// TestLineReaderHugeLines reads lines far longer than the read buffer,
// between short ones, as real tool results are: those that may carry usage
// are joined, the others skipped without being joined.
func TestLineReaderHugeLines(t *testing.T) {
	huge := append(bytes.Repeat([]byte("x"), 5*ReadBufferSize+17), `"usage"`...)
	plain := bytes.Repeat([]byte("y"), 3*ReadBufferSize)
	var in bytes.Buffer
	in.WriteString("short\n")
	in.Write(huge)
	in.WriteString("\nmid\n")
	in.Write(plain)
	in.WriteString("\n")
	in.Write(huge[len(huge)-ReadBufferSize:]) // exactly one buffer, then newline
	in.WriteString("\nend")
	for _, seekable := range []bool{true, false} {
		var r io.Reader = bytes.NewReader(in.Bytes())
		if !seekable {
			r = struct{ io.Reader }{r}
		}
		checkHugeLines(t, r, len(huge))
	}
}

func checkHugeLines(t *testing.T, r io.Reader, hugeLen int) {
	t.Helper()
	lr := NewReader(nil)
	lr.Reset(r)
	want := []struct {
		n        int
		skipped  bool
		complete bool
	}{{5, false, true}, {hugeLen, false, true}, {3, false, true}, {0, true, true}, {ReadBufferSize, false, true}, {3, false, false}}
	for i, w := range want {
		line, complete, err := lr.Next()
		if err != nil || complete != w.complete || len(line) != w.n || lr.skipped != w.skipped {
			t.Fatalf("line %d: len %d complete %v skipped %v err %v, want %+v", i+1, len(line), complete, lr.skipped, err, w)
		}
	}
	if _, _, err := lr.Next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
	if lr.lineNo != 6 {
		t.Fatalf("lineNo %d", lr.lineNo)
	}
}

func TestMarkerScan(t *testing.T) {
	m := []byte(`"isApiErrorMessage"`)
	// The marker spread over fragments shorter than itself.
	var scan markerScan
	for _, f := range []string{`{"a":1,"is`, `Api`, `Error`, `Message":true}`} {
		scan.feed([]byte(f), m)
	}
	if !scan.found {
		t.Error("marker across four fragments not found")
	}
	scan = markerScan{}
	for _, f := range []string{`{"isApi`, `Error`, `x":1}`} {
		scan.feed([]byte(f), m)
	}
	if scan.found {
		t.Error("found a marker that is not there")
	}
}

// errAfter fails with a read error after n bytes.
type errAfter struct {
	r io.Reader
	n int
}

func (e *errAfter) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if len(p) > e.n {
		p = p[:e.n]
	}
	n, err := e.r.Read(p)
	e.n -= n
	return n, err
}

func TestLineReaderError(t *testing.T) {
	lr := NewReader(&errAfter{r: strings.NewReader("one\ntwo\nthree\n"), n: 6})
	line, _, err := lr.Next()
	if err != nil || string(line) != "one" {
		t.Fatalf("%q %v", line, err)
	}
	if _, _, err := lr.Next(); err == nil || err == io.EOF {
		t.Fatalf("want a read error, got %v", err)
	}
}

// TestLongLineMemory guards the memory bound, with the allocator's own
// counter: from a file, a 16 MB line without usage costs next to nothing and
// one with usage is read once; from a stream, the line is held once (twice
// if it must be joined); never the doubling garbage of a growing buffer.
func TestLongLineMemory(t *testing.T) {
	const size = 16 << 20
	for _, c := range []struct {
		name     string
		line     []byte
		seekable bool
		limit    uint64
	}{
		{"tool result, file", bytes.Repeat([]byte("x"), size), true, 1 << 20},
		{"usage line, file", append(bytes.Repeat([]byte("x"), size), `"usage"`...), true, size + size/4},
		{"tool result, stream", bytes.Repeat([]byte("x"), size), false, size + size/4},
		{"usage line, stream", append(bytes.Repeat([]byte("x"), size), `"usage"`...), false, 2*size + size/4},
	} {
		data := append(append([]byte("short\n"), c.line...), "\nend\n"...)
		var r io.Reader = bytes.NewReader(data)
		if !c.seekable {
			r = struct{ io.Reader }{r}
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		lr := NewReader(nil)
		lr.Reset(r)
		lines := 0
		for {
			line, _, err := lr.Next()
			if err != nil {
				break
			}
			lines++
			if lines == 2 && !lr.skipped && len(line) != len(c.line) {
				t.Fatalf("%s: long line read back as %d bytes", c.name, len(line))
			}
		}
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > c.limit {
			t.Errorf("%s: allocated %d kB reading a %d MB line", c.name, got>>10, size>>20)
		}
		if lines != 3 {
			t.Errorf("%s: %d lines", c.name, lines)
		}
	}
}

// A UTF-8 byte-order mark starts some files saved by Windows tools; only a
// leading one is dropped, one later in the file is data.
func TestLineReaderDropsLeadingBOM(t *testing.T) {
	lines, _ := readAllLines(t, strings.NewReader("\uFEFFa\n\uFEFFb\n"))
	if strings.Join(lines, "|") != "a|\uFEFFb" {
		t.Fatalf("lines %q", lines)
	}
	lines, _ = readAllLines(t, strings.NewReader("\xEF\xBB"))
	if strings.Join(lines, "|") != "\xEF\xBB" {
		t.Fatalf("a cut-short mark is kept as data: %q", lines)
	}
}

// The long first line of a file with a byte-order mark, from a stream that
// cannot seek, is read whole.
func TestLongFirstLineAfterBOM(t *testing.T) {
	long := `{"cwd":"/` + strings.Repeat("w", 2*ReadBufferSize) + `","usage":1}`
	lines, _ := readAllLines(t, struct{ io.Reader }{bytes.NewReader([]byte("\uFEFF" + long + "\n"))})
	if len(lines) != 1 || lines[0] != long {
		t.Fatalf("unseekable long first line: %d lines", len(lines))
	}
}
