package discover

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// linkedTree writes a small history and two hard-linked copies of it, and
// returns its root and the listings of a walk of it.
func linkedTree(t testing.TB) (string, *Listings) {
	root := t.TempDir()
	for _, p := range []string{"p/a.jsonl", "p/a/subagents/x.jsonl", "q/b.jsonl", "q/empty/none.txt"} {
		write(t, filepath.Join(root, "c0", p))
	}
	for _, c := range []string{"c1", "c2"} {
		linkTree(t, filepath.Join(root, "c0"), filepath.Join(root, c))
	}
	settle(t, root, time.Now().Add(-time.Hour))
	l := &Listings{Now: time.Now()}
	if _, _, err := Find(OSFileSystem{}, []string{root}, Options{Listings: l}); err != nil {
		t.Fatal(err)
	}
	return root, l
}

func encode(t testing.TB, l *Listings) []byte {
	var b bytes.Buffer
	if err := l.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The listings read back as they were written: the same tree, the same
// bytes when written again, each distinct listing's names written once,
// and a walk through them finds what a walk finds.
func TestListingsEncodeRoundTrip(t *testing.T) {
	root, l := linkedTree(t)
	b := encode(t, l)
	var back Listings
	if err := back.Decode(b); err != nil {
		t.Fatal(err)
	}
	if again := encode(t, &back); !bytes.Equal(again, b) {
		t.Fatalf("written again differently:\n%q\n%q", b, again)
	}
	if n := bytes.Count(b, []byte("a.jsonl")); n != 1 {
		t.Errorf("a directory's names written %d times in three copies, want once", n)
	}
	if len(back.roots) != 1 || back.at(filepath.Join(root, "c2", "p", "a", "subagents")) == nil {
		t.Fatalf("roots %v", back.roots)
	}
	back.Now = time.Now()
	want, wantProblems, _ := FindFiles(OSFileSystem{}, []string{root})
	got, gotProblems, _ := Find(OSFileSystem{}, []string{root}, Options{Listings: &back})
	if !reflect.DeepEqual(paths(got), paths(want)) || !reflect.DeepEqual(gotProblems, wantProblems) || back.Changed {
		t.Fatalf("found %v %v (changed %v), a walk finds %v %v", paths(got), gotProblems, back.Changed, paths(want), wantProblems)
	}
}

// Bad listings are refused whole, never half read.
func TestListingsDecodeRefuses(t *testing.T) {
	enc := func(f func(e *binfmt.Encoder)) []byte {
		e := &binfmt.Encoder{}
		f(e)
		return e.Buf
	}
	listing := func(e *binfmt.Encoder, names string) {
		e.Uint(1)
		e.Uint(2)
		e.Int(3)
		e.Bool(true)
		if names == "" {
			e.Uint(1) // the first names written
			return
		}
		e.Uint(0)
		e.RawString(names)
	}
	cases := map[string][]byte{
		"empty":         nil,
		"count too big": enc(func(e *binfmt.Encoder) { e.Uint(1000) }),
		"cut short":     enc(func(e *binfmt.Encoder) { e.Uint(1); e.Uint(0); e.RawString("/r") }),
		"an empty root": enc(func(e *binfmt.Encoder) { e.Uint(1); e.Uint(0); e.RawString(""); listing(e, "dx\x00") }),
		"a root twice": enc(func(e *binfmt.Encoder) {
			e.Uint(2)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00")
			e.Uint(0)
			e.RawString("/r")
			listing(e, "")
		}),
		"a later parent": enc(func(e *binfmt.Encoder) {
			e.Uint(2)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00")
			e.Uint(2)
			e.Uint(0)
			listing(e, "")
		}),
		"places out of order": enc(func(e *binfmt.Encoder) {
			e.Uint(3)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00dy\x00")
			e.Uint(1)
			e.Uint(1)
			listing(e, "")
			e.Uint(1)
			e.Uint(0)
			listing(e, "")
		}),
		"a place twice": enc(func(e *binfmt.Encoder) {
			e.Uint(3)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00")
			e.Uint(1)
			e.Uint(0)
			listing(e, "")
			e.Uint(1)
			e.Uint(0)
			listing(e, "")
		}),
		"a place too far": enc(func(e *binfmt.Encoder) {
			e.Uint(2)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00")
			e.Uint(1)
			e.Uint(1 << 40)
			listing(e, "")
		}),
		"unknown names":   enc(func(e *binfmt.Encoder) { e.Uint(1); e.Uint(0); e.RawString("/r"); listing(e, "") }),
		"bytes left over": append(enc(func(e *binfmt.Encoder) { e.Uint(1); e.Uint(0); e.RawString("/r"); listing(e, "dx\x00") }), 0),
		"too deep": enc(func(e *binfmt.Encoder) {
			e.Uint(50)
			e.Uint(0)
			e.RawString("/r")
			listing(e, "dx\x00")
			for i := 1; i < 50; i++ {
				e.Uint(uint64(i))
				e.Uint(0)
				listing(e, "")
			}
		}),
		"a bad flag": enc(func(e *binfmt.Encoder) {
			e.Uint(1)
			e.Uint(0)
			e.RawString("/r")
			e.Uint(1)
			e.Uint(2)
			e.Int(3)
			e.Uint(2)
		}),
	}
	for name, b := range cases {
		l := Listings{roots: map[string]*Listing{"/kept": {}}}
		if err := l.Decode(b); err == nil || l.roots != nil {
			t.Errorf("%s: %v, roots %v", name, err, l.roots)
		}
	}
	var l Listings
	good := enc(func(e *binfmt.Encoder) {
		e.Uint(2)
		e.Uint(0)
		e.RawString("/r")
		listing(e, "dx\x00")
		e.Uint(1)
		e.Uint(0)
		listing(e, "")
	})
	if err := l.Decode(good); err != nil || l.roots["/r"].kid(0) == nil || l.roots["/r"].kid(0).Names != "dx\x00" {
		t.Fatalf("%v %+v", err, l.roots)
	}
}

// FuzzDecodeListings: listings come from the cache, outside input. Whatever
// the bytes, decoding them, walking a tree through them and writing them
// again never panics; what decodes writes back as it reads.
func FuzzDecodeListings(f *testing.F) {
	root, l := linkedTree(f)
	f.Add(encode(f, l))
	f.Add([]byte{1, 0, 2, '/', 'r', 1, 2, 3, 1, 0, 3, 'd', 'x', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var l Listings
		if l.Decode(b) != nil {
			return
		}
		again := encode(t, &l)
		var back Listings
		if err := back.Decode(again); err != nil {
			t.Fatalf("written again, refused: %v", err)
		}
		if !bytes.Equal(encode(t, &back), again) {
			t.Fatal("not stable when written again")
		}
		// A listing may name any root: walk the tree under the first, as
		// the walk would if it were that root.
		for p, ls := range l.roots {
			delete(l.roots, p)
			l.roots[root] = ls
			break
		}
		l.Now = time.Now()
		Find(OSFileSystem{}, []string{root}, Options{Listings: &l})
	})
}
