package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func write(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// settle gives every directory under root that changed just now the time
// at (in the past, and another each round): trusted, and different from
// the time its listing was taken at, as a change of a while ago looks.
func settle(t testing.TB, root string, at time.Time) {
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) < time.Minute {
			os.Chtimes(p, at, at)
		}
		return nil
	})
}

// TestListingsFindAsAWalk changes a tree the ways a projects directory
// changes (files added, removed, renamed; a directory added, removed,
// replaced by a file; a link to a directory) and, after each change, finds
// the files through the listings of the walk before and by a fresh walk:
// the same files, the same problems.
func TestListingsFindAsAWalk(t *testing.T) {
	root := t.TempDir()
	elsewhere := t.TempDir()
	write(t, filepath.Join(root, "p1", "a.jsonl"))
	write(t, filepath.Join(root, "p1", "a", "subagents", "agent-1.jsonl"))
	write(t, filepath.Join(root, "p2", "b.jsonl"))
	write(t, filepath.Join(elsewhere, "linked", "c.jsonl"))
	var l Listings
	changes := []struct {
		what string
		do   func()
	}{
		{"nothing", func() {}},
		{"a file added", func() { write(t, filepath.Join(root, "p1", "new.jsonl")) }},
		{"a subagent added", func() { write(t, filepath.Join(root, "p1", "a", "subagents", "agent-2.jsonl")) }},
		{"a file removed", func() { os.Remove(filepath.Join(root, "p2", "b.jsonl")) }},
		{"a file renamed", func() { os.Rename(filepath.Join(root, "p1", "new.jsonl"), filepath.Join(root, "p1", "z.jsonl")) }},
		{"a project added", func() { write(t, filepath.Join(root, "p3", "c.jsonl")) }},
		{"a project removed", func() { os.RemoveAll(filepath.Join(root, "p3")) }},
		{"a directory replaced by a file", func() {
			os.RemoveAll(filepath.Join(root, "p2"))
			write(t, filepath.Join(root, "p2"))
		}},
		{"a link to a directory", func() { os.Symlink(filepath.Join(elsewhere, "linked"), filepath.Join(root, "p4")) }},
		{"a file in the linked directory", func() { write(t, filepath.Join(elsewhere, "linked", "d.jsonl")) }},
	}
	base := time.Now().Add(-time.Hour)
	for round, c := range changes {
		c.do()
		settle(t, root, base.Add(time.Duration(round)*time.Second))
		settle(t, elsewhere, base.Add(time.Duration(round)*time.Second))
		want, wantProblems, err := FindFiles(OSFileSystem{}, []string{root})
		if err != nil {
			t.Fatal(err)
		}
		l.Now = time.Now()
		got, gotProblems, err := Find(OSFileSystem{}, []string{root}, Options{Listings: &l})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(paths(got), paths(want)) || !reflect.DeepEqual(gotProblems, wantProblems) {
			t.Fatalf("after %s: found %v %v, a walk finds %v %v", c.what, paths(got), gotProblems, paths(want), wantProblems)
		}
	}
	if ls := l.at(filepath.Join(root, "p1")); ls == nil || !ls.Trusted {
		t.Fatal("no listings kept, or none trusted")
	}
}

func paths(files []LogFile) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

// A directory changed less than RacyWindow before it was listed is listed
// again next time even when its time did not change: a change within the
// same tick of a coarse clock would not show.
func TestListingsRacyDirectoryListedAgain(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "p", "a.jsonl"))
	now := time.Now()
	p := filepath.Join(root, "p")
	os.Chtimes(p, now, now)
	l := Listings{Now: now}
	Find(OSFileSystem{}, []string{root}, Options{Listings: &l})
	if ls := l.at(p); ls == nil || ls.Trusted {
		t.Fatalf("a directory changed just now is trusted: %+v", ls)
	}
	// Another file, the directory's time put back as it was: only listing
	// again finds it.
	write(t, filepath.Join(p, "b.jsonl"))
	os.Chtimes(p, now, now)
	files, _, _ := Find(OSFileSystem{}, []string{root}, Options{Listings: &l})
	if len(files) != 2 {
		t.Fatalf("found %v", paths(files))
	}
	// Trusted, with its time put back, the listing is used as it is
	// (what an unchanged directory looks like).
	old := now.Add(-time.Hour)
	os.Chtimes(p, old, old)
	l.Now = time.Now()
	Find(OSFileSystem{}, []string{root}, Options{Listings: &l})
	write(t, filepath.Join(p, "c.jsonl"))
	os.Chtimes(p, old, old)
	if files, _, _ := Find(OSFileSystem{}, []string{root}, Options{Listings: &l}); len(files) != 2 {
		t.Fatalf("a trusted listing was not used: %v", paths(files))
	}
}

func TestListingNamesRoundTrip(t *testing.T) {
	entries := []Entry{{Name: "a.jsonl"}, {Name: "sub", Dir: true}, {Name: "link", Link: true}, {Name: "odd name ☃.jsonl"},
		{Name: "b.jsonl", ID: FileID{Dev: 7, Ino: 0}}, {Name: "c.jsonl", ID: FileID{Dev: 7, Ino: 1<<63 + 5}},
		{Name: "mounted.jsonl", ID: FileID{Dev: 9, Ino: 12}}, {Name: "d.jsonl", ID: FileID{Dev: 0, Ino: 3}}}
	ls := Listing{ID: FileID{Dev: 7, Ino: 100}, Names: names(entries, 7)}
	if got := ls.Entries(); !reflect.DeepEqual(got, entries) {
		t.Fatalf("%+v", got)
	}
	// Names from a damaged index decode to something, never a panic.
	for _, s := range []string{"", "x", "\x00", "f\x00", "fname", "d\x00\x00f", "ia\x00", "ia\x00\xff", "ea\x00\x01", "ea\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"} {
		(&Listing{Names: s}).Entries()
	}
}

// describe reads a path as the split-based reading it replaced did.
func TestDescribe(t *testing.T) {
	fi, _ := os.Stat(".")
	cases := map[string][3]string{ // session, project dir, subagent
		"/h/.claude/projects/-home-dev-api/1111.jsonl":                   {"1111", "-home-dev-api", ""},
		"/h/.claude/projects/-home-dev-api/1111/subagents/agent-a.jsonl": {"1111", "-home-dev-api", "yes"},
		"/h/p/1111/subagents/nested/subagents/x.jsonl":                   {"nested", "subagents", "yes"},
		"subagents/x.jsonl":  {"x", "subagents", ""},
		"/subagents/x.jsonl": {"", "", "yes"},
		"x.jsonl":            {"x", "", ""},
		"/x.jsonl":           {"x", "", ""},
		"a/subagents":        {"subagents", "a", ""},
		"/h/.claude/projects/-home-dev-api/1111/subagents/agent-a.jsonl.jsonl": {"1111", "-home-dev-api", "yes"},
		"/h/.claude/projects/-home-dev-api/sub.agents/1111.jsonl":              {"1111", "sub.agents", ""},
	}
	for p, want := range cases {
		f := describe(p, infoOf(fi))
		sub := ""
		if f.Subagent {
			sub = "yes"
		}
		if got := [3]string{f.Session, f.ProjectDir, sub}; got != want || got != splitDescribe(p) {
			t.Errorf("%s: %q, want %q (split: %q)", p, got, want, splitDescribe(p))
		}
	}
}

// splitDescribe is describe as it was written before, with strings.Split.
func splitDescribe(p string) [3]string {
	parts := strings.Split(filepath.ToSlash(p), "/")
	for i := len(parts) - 2; i >= 1; i-- {
		if parts[i] == "subagents" {
			out := [3]string{parts[i-1], "", "yes"}
			if i >= 2 {
				out[1] = parts[i-2]
			}
			return out
		}
	}
	out := [3]string{strings.TrimSuffix(parts[len(parts)-1], ".jsonl"), "", ""}
	if len(parts) >= 2 {
		out[1] = parts[len(parts)-2]
	}
	return out
}

// FuzzDescribe holds describe to the split-based reading.
func FuzzDescribe(f *testing.F) {
	f.Add("/h/p/1111/subagents/agent-a.jsonl")
	f.Add("a//subagents///b")
	fi, _ := os.Stat(".")
	f.Fuzz(func(t *testing.T, p string) {
		d := describe(p, infoOf(fi))
		sub := ""
		if d.Subagent {
			sub = "yes"
		}
		if got, want := [3]string{d.Session, d.ProjectDir, sub}, splitDescribe(p); got != want {
			t.Fatalf("%q: %q, split reads %q", p, got, want)
		}
	})
}

// From one root, files are found in the order of their paths (so reading
// can merge them as they come): names that sort one way as names and the
// other way in paths ("s" and "s.jsonl", "s-x"), links, nested subagents.
func TestFoundInPathOrder(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"p/s.jsonl", "p/s/subagents/a.jsonl", "p/s-x.jsonl", "p/s-x/subagents/b.jsonl", "p/s0.jsonl",
		"p.x/t.jsonl", "p/a b/c.jsonl", "p/z.jsonl", "q/s/subagents/s.jsonl", "q/s.jsonl", "q.jsonl"} {
		write(t, filepath.Join(root, p))
	}
	os.Symlink(filepath.Join(root, "q"), filepath.Join(root, "p", "r"))
	var found []string
	files, _, err := Find(OSFileSystem{}, []string{root}, Options{Found: func(f LogFile) { found = append(found, f.Path) }})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(found, paths(files)) {
		t.Fatalf("found\n%q\nsorted\n%q", found, paths(files))
	}
}

// at is the listing kept for the directory at path, found by walking the
// tree from its roots.
func (l *Listings) at(path string) *Listing {
	var found *Listing
	var visit func(dir string, ls *Listing)
	visit = func(dir string, ls *Listing) {
		if dir == path {
			found = ls
		}
		ls.each(func(i int, e Entry) {
			if k := ls.kid(i); k != nil {
				visit(join(dir, e.Name), k)
			}
		})
	}
	for p, ls := range l.roots {
		visit(p, ls)
	}
	return found
}
