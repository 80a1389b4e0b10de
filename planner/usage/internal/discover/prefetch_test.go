package discover

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

// slowFS is the real file system whose stats take a while and are
// counted, those still running too.
type slowFS struct {
	OSFileSystem
	delay             time.Duration
	running, finished atomic.Int64
	lateStats         atomic.Int64 // stats that began after stop
	stopped           atomic.Bool
}

func (s *slowFS) Stat(name string) (fs.FileInfo, error) {
	if s.stopped.Load() {
		s.lateStats.Add(1)
	}
	s.running.Add(1)
	defer s.running.Add(-1)
	time.Sleep(s.delay)
	defer s.finished.Add(1)
	return s.OSFileSystem.Stat(name)
}

// The walk takes each listing's stats while the others are still being
// made: what it finds is what a fresh walk finds, and when Find returns no
// stat is running or left to run: not those of a root kept from an
// earlier walk that this one does not take, nor those left when a root
// fails.
func TestStatsAheadOfTheWalkEndWithFind(t *testing.T) {
	root, other := t.TempDir(), t.TempDir()
	for _, r := range []string{root, other} {
		for p := 0; p < 6; p++ {
			for s := 0; s < 8; s++ {
				write(t, filepath.Join(r, fmt.Sprintf("p%d", p), fmt.Sprintf("s%d.jsonl", s)))
				write(t, filepath.Join(r, fmt.Sprintf("p%d", p), fmt.Sprintf("s%d", s), "subagents", "agent-1.jsonl"))
			}
		}
		settle(t, r, time.Now().Add(-time.Hour))
	}
	want, wantProblems, err := FindFiles(OSFileSystem{}, []string{root})
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 3; round++ {
		var l Listings // the listings of both roots, then a walk of one
		l.Now = time.Now()
		if _, _, err := Find(OSFileSystem{}, []string{root, other}, Options{Listings: &l}); err != nil {
			t.Fatal(err)
		}
		fsys := &slowFS{delay: time.Duration(round+1) * 100 * time.Microsecond}
		l.Now = time.Now()
		got, gotProblems, err := Find(fsys, []string{root}, Options{Listings: &l})
		fsys.stopped.Store(true)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(paths(got), paths(want)) || !reflect.DeepEqual(gotProblems, wantProblems) {
			t.Fatalf("round %d: found %v %v, a walk finds %v %v", round, paths(got), gotProblems, paths(want), wantProblems)
		}
		time.Sleep(5 * time.Millisecond)
		if n := fsys.running.Load(); n != 0 || fsys.lateStats.Load() != 0 {
			t.Fatalf("round %d: %d stats running and %d begun after Find returned", round, n, fsys.lateStats.Load())
		}

		// A root that does not exist ends Find with an error while the
		// other root's stats are under way: they still end first.
		l.Now = time.Now()
		if _, _, err := Find(OSFileSystem{}, []string{root, other}, Options{Listings: &l}); err != nil {
			t.Fatal(err)
		}
		fsys = &slowFS{delay: 300 * time.Microsecond}
		_, _, err = Find(fsys, []string{filepath.Join(root, "missing")}, Options{Listings: &l})
		fsys.stopped.Store(true)
		if err == nil {
			t.Fatal("a missing root was no error")
		}
		time.Sleep(5 * time.Millisecond)
		if n := fsys.running.Load(); n != 0 || fsys.lateStats.Load() != 0 {
			t.Fatalf("after the error: %d stats running and %d begun after Find returned", n, fsys.lateStats.Load())
		}
	}
}
