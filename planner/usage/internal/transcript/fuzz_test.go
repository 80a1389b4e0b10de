package transcript

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseLine feeds arbitrary lines to the line parser. Whatever the
// input: no panic; token counts are never negative; parsing is
// deterministic; and what a parse returned stays intact after the parser
// (which reuses its memory) has parsed another line.
func FuzzParseLine(f *testing.F) {
	for _, seed := range lineSeeds(f) {
		f.Add(seed)
	}
	other := []byte(goodLine)
	f.Fuzz(func(t *testing.T, line []byte) {
		lp := NewParser()
		first, err1 := lp.Parse(line)
		if err1 == nil && first.Kind == Usage {
			tk := first.Call
			if tk.Input < 0 || tk.Output < 0 || tk.CacheWrite5m < 0 || tk.CacheWrite1h < 0 || tk.CacheRead < 0 || tk.WebSearches < 0 {
				t.Fatalf("negative tokens %+v", tk)
			}
		}
		snapshot := first
		if _, err := lp.Parse(other); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, snapshot) {
			t.Fatalf("result changed after the next parse: %+v vs %+v", first, snapshot)
		}
		again, err2 := NewParser().Parse(line)
		if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(first, again) {
			t.Fatalf("not deterministic: %+v %v vs %+v %v", first, err1, again, err2)
		}
	})
}

// FuzzLineReader checks that the line reader returns exactly the input's
// lines, however long, with a small read buffer forcing the long-line path.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nb\r\n\nlast"), uint8(3))
	f.Add(bytes.Repeat([]byte("x"), 100), uint8(1))
	f.Add([]byte(strings.Repeat("x", 40)+`"isApiErrorMessage"`+"\n"+strings.Repeat("y", 50)+"\n\"usage\""), uint8(0))
	f.Add([]byte("\uFEFF"+strings.Repeat("z", 40)+`"usage"`+"\n\uFEFFb"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, bufSize uint8) {
		checkLineReader(t, data, bufSize, false)
		checkLineReader(t, data, bufSize, true)
	})
}

// checkLineReader reads data with a small buffer, from a stream that can
// seek (long lines are read back) or one that cannot (long lines are kept
// in pieces), and compares the lines with the input's, less a leading
// byte-order mark.
func checkLineReader(t *testing.T, data []byte, bufSize uint8, seekable bool) {
	var src io.Reader = bytes.NewReader(data)
	if !seekable {
		src = struct{ io.Reader }{src}
	}
	lr := &Reader{r: bufio.NewReaderSize(nil, 16+int(bufSize))}
	lr.Reset(src)
	data = bytes.TrimPrefix(data, utf8BOM)
	var got [][]byte
	var skipped []bool
	for {
		line, complete, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !complete && len(got) != len(bytes.Split(data, []byte("\n")))-1 {
			t.Fatal("an incomplete line before the end")
		}
		if lr.skipped {
			line = nil // checked below: long, and no marker in it
		}
		got = append(got, append([]byte(nil), line...))
		skipped = append(skipped, lr.skipped)
	}
	want := bytes.Split(data, []byte("\n"))
	if len(want) > 0 && len(want[len(want)-1]) == 0 {
		want = want[:len(want)-1]
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	for i := range want {
		w := want[i]
		if i < len(want)-1 || bytes.HasSuffix(data, []byte("\n")) {
			w = bytes.TrimSuffix(w, []byte("\r"))
		}
		if skipped[i] {
			if MayCarryUsage(w) || len(w) < 16+int(bufSize) {
				t.Fatalf("line %d skipped: %q", i, w)
			}
			continue
		}
		if !bytes.Equal(got[i], w) {
			t.Fatalf("line %d: %q, want %q", i, got[i], w)
		}
	}
}

// lineSeeds are the fuzz tests' starting lines: a few hand-made ones and
// every line of the fixture transcripts.
func lineSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		[]byte(goodLine),
		[]byte(`{"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-11-04T09:00:00Z","message":{"model":"<synthetic>","content":[{"type":"text","text":"You've hit your session limit · resets 9:50pm (Europe/Berlin)"}]}}`),
		[]byte(`{"message":{"usage":{"input_tokens":1e3}},"timestamp":"2025-11-04T09:00:00Z"}`),
		[]byte("{\"message\":{\"usage\":{}},\"timestamp\":\"2025-11-04T09:00:00Z\",\"cwd\":\"\xff\"}"),
		[]byte(`{"sessionId":"s\u00e9\ud83d\ude00","cwd":"C:\\w","message":{"id":"m\"1","model":"claude-opus-4-5","usage":{"input_tokens":1,"output_tokens":null}},"timestamp":"2025-11-04T09:00:00Z","type":"assistant","isSidechain":true}`),
		[]byte(`{"message":{"usage":{"input_tokens":-0,"output_tokens":2,"cache_creation":{"ephemeral_1h_input_tokens":5}}},"timestamp":"2025-11-04T09:00:00Z","message":{}}`),
		[]byte(`{"isApiErrorMessage":true,"error":"rate_limit","message":{"content":"Claude AI usage limit reached|1762297200"},"timestamp":"2025-11-04T09:00:00Z"}`),
		[]byte(`[1,2,{"a":[true,false,null,-1.5e+3]}]`),
	}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "logs", "projects", "*", "*.jsonl"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, bytes.Split(data, []byte("\n"))...)
	}
	return seeds
}
