//go:build unix

package usage

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// A named pipe where the cache's index or its delta should be never makes
// a read wait for a writer: the index is rebuilt, the delta ignored.
func TestIndexNamedPipeNeverHangs(t *testing.T) {
	dir, cache, ix := indexedHistory(t)
	files, _, _ := FindFiles(OSFileSystem{}, []string{dir})
	for _, path := range []string{ix.deltaPath(), ix.Path()} {
		appendNewCalls(t, files[0].Path, 2) // so that the read takes the index's calls in
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		done := make(chan *Index)
		var note string
		go func() {
			reopened, n := OpenIndex(cache, []string{dir})
			note = n
			done <- reopened
		}()
		select {
		case reopened := <-done:
			if rebuilt := path == ix.Path(); rebuilt != (note != "") {
				t.Errorf("a named pipe at %s: note %q", path, note)
			}
			readBoth(t, dir, reopened, "a named pipe at "+path)
			if err := reopened.Save(); err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("OpenIndex waits on a named pipe at %s", path)
		}
	}
}
