package shape

import (
	"errors"
	"io"
	"strings"
	"testing"
)

type readResult struct {
	line           string
	complete, long bool
}

func readAll(t *testing.T, r io.Reader) ([]readResult, error) {
	t.Helper()
	lr := newLineReader(r)
	var out []readResult
	for {
		b, complete, long, err := lr.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, readResult{string(b), complete, long})
		if lr.lineNo != len(out) {
			t.Fatalf("lineNo %d after %d lines", lr.lineNo, len(out))
		}
	}
}

func TestLineReader(t *testing.T) {
	defer func(n int) { maxLineBytes = n }(maxLineBytes)
	maxLineBytes = 10
	long := strings.Repeat("x", 200<<10) // longer than the read buffer too
	cases := []struct {
		name, in string
		want     []readResult
	}{
		{"empty", "", nil},
		{"lines", "a\nb\n", []readResult{{"a", true, false}, {"b", true, false}}},
		{"CRLF", "a\r\nb\r\n", []readResult{{"a", true, false}, {"b", true, false}}},
		{"blank line", "\n\n", []readResult{{"", true, false}, {"", true, false}}},
		{"byte-order mark", "\xEF\xBB\xBF{}\n", []readResult{{"{}", true, false}}},
		{"no final newline", "a\nb", []readResult{{"a", true, false}, {"b", false, false}}},
		{"at the bound", "0123456789\n", []readResult{{"0123456789", true, false}}},
		{"too long, then fine", "0123456789x\nok\n", []readResult{{"", true, true}, {"ok", true, false}}},
		{"too long and huge", long + "\nok\n", []readResult{{"", true, true}, {"ok", true, false}}},
		{"too long, unfinished", "a\n" + long, []readResult{{"a", true, false}, {"", false, true}}},
	}
	for _, c := range cases {
		got, err := readAll(t, strings.NewReader(c.in))
		if err != nil || len(got) != len(c.want) {
			t.Errorf("%s: %d lines %v, err %v; want %v", c.name, len(got), got, err, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s line %d: %+v, want %+v", c.name, i+1, got[i], c.want[i])
			}
		}
	}
}

// A long line that fits the bound is returned whole, however it arrives.
func TestLineReaderLongLine(t *testing.T) {
	long := strings.Repeat("y", 300<<10)
	got, err := readAll(t, io.MultiReader(strings.NewReader(long[:1000]), strings.NewReader(long[1000:]+"\nz\n")))
	if err != nil || len(got) != 2 || got[0].line != long || got[1].line != "z" {
		t.Fatalf("got %d lines, err %v", len(got), err)
	}
}

type failingReader struct{ after string }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.after != "" {
		n := copy(p, f.after)
		f.after = f.after[n:]
		return n, nil
	}
	return 0, errors.New("input/output error")
}

func TestLineReaderError(t *testing.T) {
	got, err := readAll(t, &failingReader{after: "a\nb"})
	if err == nil || len(got) != 1 || got[0].line != "a" {
		t.Errorf("got %v, err %v", got, err)
	}
}
