package usage

import (
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// bytesFS serves one file's bytes under any name.
type bytesFS struct{ data []byte }

func (b bytesFS) Open(string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(string(b.data))), nil
}
func (bytesFS) Stat(string) (fs.FileInfo, error)      { return nil, fs.ErrNotExist }
func (bytesFS) ReadDir(string) ([]fs.DirEntry, error) { return nil, fs.ErrNotExist }

// readBothOrders reads data with replies parsed first and with every line
// through the prefilter first, and fails unless the two say the same.
func readBothOrders(t *testing.T, data []byte) {
	t.Helper()
	read := func(first bool) *fileResult {
		replyParseFirst = first
		defer func() { replyParseFirst = true }()
		f := LogFile{Path: filepath.Join("p", "s.jsonl"), Session: "s"}
		r := readFile(bytesFS{data}, f, newWorker(time.Unix(1.8e9, 0), false), nil)
		return r
	}
	got, want := read(true), read(false)
	if !reflect.DeepEqual(got.stats, want.stats) || !reflect.DeepEqual(got.entries, want.entries) ||
		!reflect.DeepEqual(got.hits, want.hits) || got.duplicates != want.duplicates || got.bytes != want.bytes {
		t.Fatalf("parse-first read differs on %q:\ngot  %+v %+v %+v\nwant %+v %+v %+v", data, got.stats, got.entries, got.hits, want.stats, want.entries, want.hits)
	}
}

// trickyReplies are lines that look like replies but are not settled by
// the parse alone, or are malformed in ways the prefilter decides.
var trickyReplies = []string{
	`{"type":"assistant","message":{"id":"msg_1","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":2}},"requestId":"r","timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_2","model":"claude-sonnet-4-5","us\u0061ge":{"input_tokens":1,"output_tokens":2}},"requestId":"r","timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_3","model":"claude-sonnet-4-5","content":[{"type":"text","text":"caf` + "\xe9" + `"}]},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_4","model":"claude-sonnet-4-5","content":[{"type":"text","text":"caf` + "\xe9" + `"}],"usage":{"input_tokens":1}},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_5","content":[{"text":"bad` + "\x01" + `"}]},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_6","content":[{"text":"bad` + "\x01" + `"}],"usage":{}},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_7","model":"<synthetic>","content":[{"type":"text","text":"Claude AI usage limit reached|1767312000"}]},"isApiErrorMessage":true,"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_8","model":"<synthetic>","content":[{"type":"text","text":"API Error: 529"}]},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"user","message":{"id":"msg_9","usage":{"input_tokens":5}},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"model":"claude-opus-4","id":"msg_10","usage":{"input_tokens":"x"}},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"type":"assistant","message":{"id":"msg_11","usage":{"input_tokens":1}},"timestamp":"not a time"}`,
	`{"type":"assistant","message":{"id":"msg_12","usage":{"input_tokens":1}}`,
	`{"type":"assistant","message":{"id":"msg_13"},"x":[1,2}`,
	`{"message":{"id":"msg_14","usage":null},"timestamp":"2026-01-02T03:04:05Z"}`,
	`{"message":{"id":"msg_15","usage":{"input_tokens":3,"output_tokens":4}},"timestamp":"2026-01-02T03:04:05Z"} `,
	`{"type":"system","message":{"id":"msg_16"}}`,
	`{"type":"assistant","message":{"id":"msg_17","model":"m","usage":{"output_tokens":9}},"timestamp":"2026-01-02T03:04:05Z","isSidechain":true}`,
}

// mutateLine damages a line at random: a byte cut, doubled, flipped, a
// quote or brace dropped, an escape or a control character put in.
func mutateLine(rng *rand.Rand, l string) string {
	if l == "" {
		return l
	}
	i := rng.IntN(len(l))
	switch rng.IntN(6) {
	case 0:
		return l[:i]
	case 1:
		return l[:i] + l[i:i+1] + l[i:]
	case 2:
		return l[:i] + string(rune(l[i]^0x20)) + l[i+1:]
	case 3:
		return strings.Replace(l, `"`, ``, 1)
	case 4:
		return l[:i] + `\u0075` + l[i:]
	}
	return l[:i] + "\x02" + l[i:]
}

// Parsing replies first changes nothing a read reports: calls, limit
// hits, bad, unreadable and non-UTF-8 lines, on the fixture transcripts,
// the tricky lines alone and together, and 2,000 random damages of them,
// with and without a newline at the end.
func TestParseFirstReadsAsThePrefilterFirst(t *testing.T) {
	var corpus []string
	files, _, err := FindFiles(OSFileSystem{}, []string{fixtureRoot})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := f.Path
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		readBothOrders(t, b)
		corpus = append(corpus, strings.Split(strings.TrimRight(string(b), "\n"), "\n")...)
	}
	if len(corpus) < 10 {
		t.Fatalf("only %d fixture lines", len(corpus))
	}
	corpus = append(corpus, trickyReplies...)
	readBothOrders(t, []byte(strings.Join(trickyReplies, "\n")+"\n"))
	for _, l := range trickyReplies {
		readBothOrders(t, []byte(l+"\n"))
		readBothOrders(t, []byte(l))
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for n := 0; n < 2000; n++ {
		var lines []string
		for k := 1 + rng.IntN(4); k > 0; k-- {
			l := corpus[rng.IntN(len(corpus))]
			if rng.IntN(2) == 0 {
				l = mutateLine(rng, l)
			}
			lines = append(lines, l)
		}
		data := strings.Join(lines, "\n")
		if rng.IntN(3) > 0 {
			data += "\n"
		}
		readBothOrders(t, []byte(data))
	}
}

// FuzzParseFirst: on any bytes, a read with replies parsed first says
// what a read with the prefilter first says.
func FuzzParseFirst(f *testing.F) {
	for _, l := range trickyReplies {
		f.Add([]byte(l + "\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte) { readBothOrders(t, data) })
}
