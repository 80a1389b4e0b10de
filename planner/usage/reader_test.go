package usage

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

func readAllLines(t *testing.T, r io.Reader) (lines []string, lastComplete bool) {
	t.Helper()
	lr := newLineReader(r)
	lastComplete = true
	for {
		line, complete, err := lr.next()
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
	huge := append(bytes.Repeat([]byte("x"), 5*readBufferSize+17), `"usage"`...)
	plain := bytes.Repeat([]byte("y"), 3*readBufferSize)
	var in bytes.Buffer
	in.WriteString("short\n")
	in.Write(huge)
	in.WriteString("\nmid\n")
	in.Write(plain)
	in.WriteString("\n")
	in.Write(huge[len(huge)-readBufferSize:]) // exactly one buffer, then newline
	in.WriteString("\nend")
	lr := newLineReader(&in)
	want := []struct {
		n        int
		skipped  bool
		complete bool
	}{{5, false, true}, {len(huge), false, true}, {3, false, true}, {0, true, true}, {readBufferSize, false, true}, {3, false, false}}
	for i, w := range want {
		line, complete, err := lr.next()
		if err != nil || complete != w.complete || len(line) != w.n || lr.skipped != w.skipped {
			t.Fatalf("line %d: len %d complete %v skipped %v err %v, want %+v", i+1, len(line), complete, lr.skipped, err, w)
		}
	}
	if _, _, err := lr.next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
	if lr.lineNo != 6 {
		t.Fatalf("lineNo %d", lr.lineNo)
	}
}

func TestPiecesContain(t *testing.T) {
	m := []byte(`"isApiErrorMessage"`)
	// The marker spread over pieces shorter than itself.
	pieces := [][]byte{[]byte(`{"a":1,"is`), []byte(`Api`), []byte(`Error`), []byte(`Message":true}`)}
	if !piecesContain(pieces, m) {
		t.Error("marker across four pieces not found")
	}
	if piecesContain([][]byte{[]byte(`{"isApi`), []byte(`Error`), []byte(`x":1}`)}, m) {
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
	lr := newLineReader(&errAfter{r: strings.NewReader("one\ntwo\nthree\n"), n: 6})
	line, _, err := lr.next()
	if err != nil || string(line) != "one" {
		t.Fatalf("%q %v", line, err)
	}
	if _, _, err := lr.next(); err == nil || err == io.EOF {
		t.Fatalf("want a read error, got %v", err)
	}
}

// TestLongLineMemory guards the memory bound: reading a 16 MB line
// allocates about the line once (the pieces; a second copy only when the
// line may carry usage and must be joined), never the doubling garbage of a
// growing buffer. Measured with the allocator's own counter.
func TestLongLineMemory(t *testing.T) {
	const size = 16 << 20
	for _, c := range []struct {
		name  string
		line  []byte
		limit uint64
	}{
		{"tool result", bytes.Repeat([]byte("x"), size), size + size/4},
		{"usage line", append(bytes.Repeat([]byte("x"), size), `"usage"`...), 2*size + size/4},
	} {
		data := append(append([]byte("short\n"), c.line...), "\nend\n"...)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		lr := newLineReader(bytes.NewReader(data))
		for {
			if _, _, err := lr.next(); err != nil {
				break
			}
		}
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > c.limit {
			t.Errorf("%s: allocated %d MB reading a %d MB line", c.name, got>>20, size>>20)
		}
	}
}
