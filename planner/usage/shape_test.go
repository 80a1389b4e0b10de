package usage

import (
	"io"
	"strings"
	"testing"
)

// memFS serves one in-memory file, seekable or not, so a test controls
// which path of the line reader a long line takes.
type memFS struct {
	OSFileSystem
	content  string
	seekable bool
}

func (m memFS) Open(string) (io.ReadCloser, error) {
	r := strings.NewReader(m.content)
	if m.seekable {
		return io.NopCloser(r), nil // NopCloser keeps Seek: it wraps a WriterTo
	}
	return io.NopCloser(struct{ io.Reader }{r}), nil
}

// TestNonObjectLinesAreBad: a line that is not a JSON object was skipped by
// the prefilter without a word; it is now a bad line in the file's one-line
// summary, short or longer than the read buffer.
func TestNonObjectLinesAreBad(t *testing.T) {
	longGarbage := strings.Repeat("z", 2*readBufferSize+5)
	longObject := `{"type":"user","message":"` + strings.Repeat("y", 2*readBufferSize) + `"}`
	cases := []struct {
		name      string
		content   string
		bad       int
		firstLine string
	}{
		{"garbage only", "garbage\n", 1, "line 1: not a JSON object"},
		{"garbage between calls", goodLine + "\nnot json\n\n" + goodLine + "\n", 1, "line 2: not a JSON object"},
		{"blank lines pass", "\n  \n" + goodLine + "\n", 0, ""},
		{"long garbage", goodLine + "\n" + longGarbage + "\n", 1, "line 2: not a JSON object"},
		{"long object passes", longObject + "\n" + goodLine + "\n", 0, ""},
		{"long object with tail garbage", longObject + "tail\n", 1, "line 1: not a JSON object"},
	}
	for _, c := range cases {
		for _, seekable := range []bool{true, false} {
			fsys := memFS{content: c.content, seekable: seekable}
			data := Read(fsys, []LogFile{{Path: "f.jsonl"}}, Options{})
			if data.BadLines != c.bad {
				t.Errorf("%s (seekable %v): %d bad lines, want %d", c.name, seekable, data.BadLines, c.bad)
				continue
			}
			if c.bad == 0 {
				if len(data.Problems) != 0 {
					t.Errorf("%s: problems %+v", c.name, data.Problems)
				}
				continue
			}
			if len(data.Problems) != 1 || !strings.Contains(data.Problems[0].What, c.firstLine) {
				t.Errorf("%s (seekable %v): problems %+v, want one naming %q", c.name, seekable, data.Problems, c.firstLine)
			}
		}
	}
}
