package usage

import (
	"io"
	"runtime"
	"strings"
	"testing"
)

// hugeLineFile streams a good line, one line of size bytes that mentions
// "usage" (an assistant line carrying a huge tool input), and another good
// line, without ever holding the huge one.
type hugeLineFile struct {
	parts []io.Reader
}

func (h *hugeLineFile) Read(p []byte) (int, error) {
	for len(h.parts) > 0 {
		n, err := h.parts[0].Read(p)
		if err == io.EOF {
			h.parts = h.parts[1:]
			if n == 0 {
				continue
			}
			err = nil
		}
		return n, err
	}
	return 0, io.EOF
}

func (h *hugeLineFile) Close() error { return nil }

// repeatReader yields n bytes of b repeated.
type repeatReader struct {
	b []byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && int64(k) < r.n {
		k += copy(p[k:min(len(p), k+int(r.n)-k)], r.b)
	}
	r.n -= int64(k)
	return k, nil
}

type hugeLineFS struct {
	OSFileSystem
	size int64
}

func (h hugeLineFS) Open(string) (io.ReadCloser, error) {
	head := `{"type":"assistant","message":{"id":"m9","usage":{"input_tokens":1},"content":[{"type":"tool_use","input":{"content":"`
	second := strings.Replace(goodLine, "msg_1", "msg_2", 1)
	return &hugeLineFile{parts: []io.Reader{
		strings.NewReader(goodLine + "\n" + head),
		&repeatReader{b: []byte(strings.Repeat("lorem ipsum ", 1000)), n: h.size},
		strings.NewReader(`"}}]},"timestamp":"2025-11-04T09:00:00Z"}` + "\n" + second + "\n"),
	}}, nil
}

// TestGigabyteLineIsReportedTooLong: a single 1 GB line containing
// "usage" was held whole and peaked at 2.15 GB. A line that may carry usage
// is now capped at maxLineBytes: it is reported as too long, nothing of it
// past the cap is kept, and the lines after it are read.
func TestGigabyteLineIsReportedTooLong(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	data := Read(hugeLineFS{size: 1 << 30}, []LogFile{{Path: "huge.jsonl"}}, Options{})
	runtime.ReadMemStats(&after)
	if len(data.Entries()) != 2 || data.BadLines != 1 || len(data.Problems) != 1 ||
		!strings.Contains(data.Problems[0].What, "line 2: too long") {
		t.Fatalf("entries %d bad %d problems %+v", len(data.Entries()), data.BadLines, data.Problems)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2*maxLineBytes {
		t.Fatalf("reading the line allocated %d MiB", grew>>20)
	}
}
