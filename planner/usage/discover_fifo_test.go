//go:build unix

package usage

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe among the logs would block the read until a writer comes;
// discovery skips it with a problem, whether walked or named.
func TestNamedPipeIsSkipped(t *testing.T) {
	root := t.TempDir()
	good := filepath.Join(root, "projects", "p", "good.jsonl")
	fifo := filepath.Join(root, "projects", "p", "fifo.jsonl")
	writeFile(t, good, goodLine+"\n")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, path := range []string{root, fifo} {
		done := make(chan struct{})
		var files []LogFile
		var problems []Problem
		var err error
		go func() {
			defer close(done)
			files, problems, err = FindFiles(OSFileSystem{}, []string{path})
			if err == nil {
				Read(OSFileSystem{}, files, Options{Workers: 1})
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: reading blocked on the named pipe", path)
		}
		if err != nil || len(problems) != 1 || problems[0].Path != fifo ||
			!strings.Contains(problems[0].What, "named pipe, not a regular file; skipped") {
			t.Fatalf("%s: problems %+v err %v", path, problems, err)
		}
		for _, f := range files {
			if f.Path == fifo {
				t.Fatalf("%s: the pipe was listed: %+v", path, files)
			}
		}
	}
}
