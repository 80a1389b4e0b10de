package usage

import (
	"bytes"
	"io"
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
// between short ones, as real tool results are.
func TestLineReaderHugeLines(t *testing.T) {
	huge := bytes.Repeat([]byte("x"), 5*readBufferSize+17)
	var in bytes.Buffer
	in.WriteString("short\n")
	in.Write(huge)
	in.WriteString("\nmid\n")
	in.Write(huge[:readBufferSize]) // exactly one buffer, then newline
	in.WriteString("\nend\n")
	lr := newLineReader(&in)
	want := []int{5, len(huge), 3, readBufferSize, 3}
	for i, n := range want {
		line, complete, err := lr.next()
		if err != nil || !complete || len(line) != n {
			t.Fatalf("line %d: len %d complete %v err %v, want len %d", i+1, len(line), complete, err, n)
		}
	}
	if _, _, err := lr.next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
	if lr.lineNo != 5 {
		t.Fatalf("lineNo %d", lr.lineNo)
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
