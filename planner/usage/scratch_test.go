package usage

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("SCRATCH")
	if dir == "" {
		t.Skip()
	}
	files, probs, err := FindFiles(OSFileSystem{}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	d := Read(OSFileSystem{}, files, Options{})
	var tot Tokens
	for _, e := range d.Entries {
		tot.Add(e.Tokens)
	}
	t.Logf("files %d probs %v entries %d dups %d replays %d hits %d bad %d tot %+v total %d", len(files), probs, len(d.Entries), d.DuplicateLines, d.Replays, len(d.LimitHits), d.BadLines, tot, tot.Total())
}
