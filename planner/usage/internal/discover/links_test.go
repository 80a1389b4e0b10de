package discover

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

// linkTree copies the tree at from to to, its files as hard links (what
// cp -al makes).
func linkTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return os.Link(p, filepath.Join(to, rel))
	})
	if err != nil {
		t.Skip("no hard links here:", err)
	}
}

// found is what a walk found, to compare: each file's path, size and
// identity, and the problems.
type found struct {
	Files    []LogFile
	Problems []Problem
}

func find(t *testing.T, fsys FileSystem, root string, l *Listings) found {
	t.Helper()
	opt := Options{}
	if l != nil {
		l.Now = time.Now()
		opt.Listings = l
	}
	files, problems, err := Find(fsys, []string{root}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		files[i].ModTime = files[i].ModTime.UTC()
	}
	return found{files, problems}
}

// TestListingsOfHardLinkedCopies: three copies of a tree made of hard
// links, changed the ways copies change (a link removed, the first name of
// a file removed, a link replaced by a file of its own, a new link added,
// a copy written in place, a symbolic link whose target moves while its
// directory stays as it was), found after each change through the listings
// of the walk before and by a fresh walk: the same files, under the same
// names, with the same identities, and the same problems.
func TestListingsOfHardLinkedCopies(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	write(t, filepath.Join(root, "c1", "p", "a.jsonl"))
	write(t, filepath.Join(root, "c1", "p", "b.jsonl"))
	write(t, filepath.Join(root, "c1", "p", "a", "subagents", "agent-1.jsonl"))
	write(t, filepath.Join(root, "c1", "q", "c.jsonl"))
	linkTree(t, filepath.Join(root, "c1"), filepath.Join(root, "c2"))
	linkTree(t, filepath.Join(root, "c1"), filepath.Join(root, "c3"))
	os.MkdirAll(filepath.Join(elsewhere, "one"), 0o755)
	os.MkdirAll(filepath.Join(elsewhere, "two"), 0o755)
	write(t, filepath.Join(elsewhere, "one", "t.jsonl"))
	os.WriteFile(filepath.Join(elsewhere, "two", "t.jsonl"), []byte("{}\n{}\n"), 0o644)
	os.Symlink(filepath.Join(elsewhere, "one"), filepath.Join(elsewhere, "cur"))
	if err := os.Symlink(filepath.Join(elsewhere, "cur", "t.jsonl"), filepath.Join(root, "c3", "q", "t.jsonl")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var l Listings
	changes := []struct {
		what string
		do   func()
	}{
		{"nothing", func() {}},
		{"a second name removed", func() { os.Remove(filepath.Join(root, "c2", "p", "b.jsonl")) }},
		{"a first name removed", func() { os.Remove(filepath.Join(root, "c1", "p", "a.jsonl")) }},
		{"a link replaced by a file of its own", func() {
			p := filepath.Join(root, "c3", "p", "a.jsonl")
			os.WriteFile(p+".tmp", []byte("{}\n{}\n{}\n"), 0o644)
			os.Rename(p+".tmp", p)
		}},
		{"a new link", func() { os.Link(filepath.Join(root, "c1", "q", "c.jsonl"), filepath.Join(root, "c3", "p", "d.jsonl")) }},
		{"a copy written in place", func() { os.WriteFile(filepath.Join(root, "c2", "q", "c.jsonl"), []byte("{}\n{}\n"), 0o644) }},
		{"a link's target moved elsewhere", func() {
			os.Remove(filepath.Join(elsewhere, "cur"))
			os.Symlink(filepath.Join(elsewhere, "two"), filepath.Join(elsewhere, "cur"))
		}},
		{"the last first name removed", func() { os.RemoveAll(filepath.Join(root, "c1")) }},
		{"a subagent's names all removed but one", func() {
			os.Remove(filepath.Join(root, "c2", "p", "a", "subagents", "agent-1.jsonl"))
		}},
	}
	base := time.Now().Add(-time.Hour)
	for round, c := range changes {
		c.do()
		settle(t, root, base.Add(time.Duration(round)*time.Second))
		settle(t, elsewhere, base.Add(time.Duration(round)*time.Second))
		want := find(t, OSFileSystem{}, root, nil)
		got := find(t, OSFileSystem{}, root, &l)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after %s: found\n%+v\na walk finds\n%+v", c.what, got, want)
		}
	}
}

// countingFS counts the stats of each path.
type countingFS struct {
	OSFileSystem
	mu    sync.Mutex
	stats map[string]int
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) {
	c.mu.Lock()
	c.stats[name]++
	c.mu.Unlock()
	return c.OSFileSystem.Stat(name)
}

// A walk through the listings of an unchanged tree looks up each file
// under its first name only: eight copies made of hard links cost eight
// times the directories, not eight times the files.
func TestListingsStatFirstNamesOnly(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"p/a.jsonl", "p/b.jsonl", "p/a/subagents/x.jsonl", "q/c.jsonl"} {
		write(t, filepath.Join(root, "c0", p))
	}
	for _, c := range []string{"c1", "c2", "c3"} {
		linkTree(t, filepath.Join(root, "c0"), filepath.Join(root, c))
	}
	settle(t, root, time.Now().Add(-time.Hour))
	var l Listings
	first := find(t, OSFileSystem{}, root, &l)
	l.Changed = false
	fsys := &countingFS{stats: map[string]int{}}
	again := find(t, fsys, root, &l)
	if !reflect.DeepEqual(again, first) || len(again.Files) != 4 {
		t.Fatalf("found %+v, then %+v", first, again)
	}
	for _, c := range []string{"c1", "c2", "c3"} {
		for _, p := range []string{"p/a.jsonl", "p/b.jsonl", "p/a/subagents/x.jsonl", "q/c.jsonl"} {
			if n := fsys.stats[filepath.Join(root, c, p)]; n != 0 {
				t.Errorf("%s/%s, a second name, stat-ed %d times", c, p, n)
			}
		}
	}
	for _, p := range []string{"c0/p/a.jsonl", "c0/q/c.jsonl", "c2/p/a", "c3/q"} {
		if n := fsys.stats[filepath.Join(root, p)]; n != 1 {
			t.Errorf("%s stat-ed %d times, want once", p, n)
		}
	}
	if l.Changed {
		t.Error("the listings of an unchanged tree changed")
	}
}
