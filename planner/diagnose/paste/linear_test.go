package paste

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// foldedPaste is a response whose one header is continued on folded lines
// (obsolete line folding) up to size bytes: the input that once took
// quadratic time, each folded line copying the whole value so far.
func foldedPaste(size int) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 429 Too Many Requests\r\nx-long: start\r\n")
	for b.Len() < size {
		b.WriteString(" folded part of the value\r\n")
	}
	b.WriteString("retry-after: 5\r\n\r\n")
	return b.Bytes()
}

// TestFoldedHeadersLinear checks the work is linear without timing it: a
// 1 MiB folded paste must allocate a small multiple of its size. Read
// quadratically (the old way) it allocated about 19 GB.
func TestFoldedHeadersLinear(t *testing.T) {
	data := foldedPaste(1 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	resp, err := Parse(data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := resp.Header.Get("retry-after"); v != "5" {
		t.Fatalf("the header after the folded one was lost: %q", v)
	}
	long, _ := resp.Header.Get("x-long")
	if !strings.HasPrefix(long, "start folded part of the value folded") || strings.Count(long, "folded part") < 30000 {
		t.Fatalf("folded value not joined: %d bytes", len(long))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16*uint64(len(data)) {
		t.Fatalf("parsing %d bytes allocated %d bytes: not linear", len(data), alloc)
	}
}

// TestManyCandidatesLinear: a paste of a hundred thousand "429 {" places
// that are no body is tried a bounded number of times.
func TestManyCandidatesLinear(t *testing.T) {
	data := bytes.Repeat([]byte("429 {not json} "), 100_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _ = Parse(data)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64*uint64(len(data)) {
		t.Fatalf("parsing %d bytes allocated %d bytes", len(data), alloc)
	}
}
