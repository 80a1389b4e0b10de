package cmdutil

import (
	"bytes"
	"testing"

	"github.com/tierplan/tierplan/planner/usage"
)

// TestProgressWaitsForTheWalk: the readers catching up with the walk must
// not finish (and clear) the bar while more files may come; once every file
// is found and read, it finishes.
func TestProgressWaitsForTheWalk(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(&out)
	p.update(usage.Progress{Files: 1, FilesTotal: 1, Bytes: 100, BytesTotal: 100})
	if p.bar.IsFinished() {
		t.Fatal("finished after the first file, with the walk still going")
	}
	p.update(usage.Progress{Files: 2, FilesTotal: 3, Bytes: 200, BytesTotal: 300, AllFound: true})
	if p.bar.IsFinished() || p.bar.GetMax64() != 300 {
		t.Fatalf("two of three read: finished %v, max %d", p.bar.IsFinished(), p.bar.GetMax64())
	}
	p.update(usage.Progress{Files: 3, FilesTotal: 3, Bytes: 300, BytesTotal: 300, AllFound: true})
	if !p.bar.IsFinished() {
		t.Fatal("not finished with every file found and read")
	}
	if !bytes.Contains(out.Bytes(), []byte("reading 1 of 1+ files")) {
		t.Errorf("first frame: %q", out.String())
	}
}

func TestProgressLabel(t *testing.T) {
	for _, c := range []struct {
		pr   usage.Progress
		want string
	}{
		{usage.Progress{Files: 3, FilesTotal: 10}, "reading 3 of 10+ files"},
		{usage.Progress{Files: 1200, FilesTotal: 2761, AllFound: true}, "reading 1,200 of 2,761 files"},
	} {
		if got := progressLabel(c.pr); got != c.want {
			t.Errorf("%+v: %q, want %q", c.pr, got, c.want)
		}
	}
}
