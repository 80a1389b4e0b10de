package replytable

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func rec(msg, req uint64, win uint32) Record {
	return Record{Msg: msg, Req: req, Win: Pos{File: win, Idx: win + 1}, First: Pos{File: win, Idx: 0}, Dropped: win%2 == 1}
}

func TestTableFindRangeWith(t *testing.T) {
	tb := Build([]Record{rec(5, 1, 0), rec(1, 9, 1), rec(5, 0, 2), rec(7, 7, 3)})
	if tb.Len() != 4 {
		t.Fatal(tb.Len())
	}
	if i, ok := tb.Find(5, 1); !ok || tb.At(i) != rec(5, 1, 0) {
		t.Fatalf("find %d %v", i, ok)
	}
	if i, ok := tb.Find(6, 0); ok || i != 3 {
		t.Fatalf("absent at %d %v", i, ok)
	}
	if lo, hi := tb.MsgRange(5); lo != 1 || hi != 3 {
		t.Fatalf("range %d %d", lo, hi)
	}
	if lo, hi := tb.MsgRange(4); lo != hi {
		t.Fatalf("empty range %d %d", lo, hi)
	}
	with := tb.With([]Record{rec(6, 0, 4), rec(5, 1, 5), rec(0, 0, 6)})
	want := Build([]Record{rec(0, 0, 6), rec(1, 9, 1), rec(5, 0, 2), rec(5, 1, 5), rec(6, 0, 4), rec(7, 7, 3)})
	if string(with) != string(want) {
		t.Fatal("With differs from a table built with the same records")
	}
	if _, ok := tb.Find(0, 0); ok {
		t.Fatal("With changed the table it was called on")
	}
}

// TestTableAgainstMap edits a table at random and checks it against a map.
func TestTableAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[[2]uint64]Record{}
	var tb Table
	for round := 0; round < 200; round++ {
		var edits []Record
		seen := map[[2]uint64]bool{}
		for k := rng.IntN(5); k >= 0; k-- {
			r := rec(uint64(rng.IntN(30)), uint64(rng.IntN(4)), uint32(rng.IntN(9)))
			if key := [2]uint64{r.Msg, r.Req}; !seen[key] {
				seen[key], want[key] = true, r
				edits = append(edits, r)
			}
		}
		tb = tb.With(edits)
	}
	if tb.Len() != len(want) {
		t.Fatalf("%d records, want %d", tb.Len(), len(want))
	}
	for key, r := range want {
		if i, ok := tb.Find(key[0], key[1]); !ok || tb.At(i) != r {
			t.Fatalf("%v: %v %v", key, ok, tb.At(i))
		}
	}
	var keys [][2]uint64
	for i := 0; i < tb.Len(); i++ {
		keys = append(keys, [2]uint64{tb.At(i).Msg, tb.At(i).Req})
	}
	if !slices.IsSortedFunc(keys, func(a, b [2]uint64) int { return compare(Record{Msg: a[0], Req: a[1]}, Record{Msg: b[0], Req: b[1]}) }) {
		t.Fatal("not sorted")
	}
}

func TestLoadBadLength(t *testing.T) {
	if _, err := Load(make([]byte, RecordSize+1)); !errors.Is(err, ErrBadTable) {
		t.Fatal(err)
	}
	if tb, err := Load(nil); err != nil || tb.Len() != 0 {
		t.Fatal(err)
	}
}

// FuzzTable: a table loaded from any bytes (the checksum of its section
// holds, but a file may be forged) never makes a search panic or go
// outside it.
func FuzzTable(f *testing.F) {
	f.Add([]byte(Build([]Record{rec(1, 2, 3), rec(4, 5, 6)})), uint64(4), uint64(5))
	f.Fuzz(func(t *testing.T, b []byte, msg, req uint64) {
		tb, err := Load(b)
		if err != nil {
			return
		}
		if i, _ := tb.Find(msg, req); i < 0 || i > tb.Len() {
			t.Fatalf("index %d of %d", i, tb.Len())
		}
		if lo, hi := tb.MsgRange(msg); lo < 0 || hi > tb.Len() || lo > hi {
			t.Fatalf("range %d %d", lo, hi)
		}
		tb.With([]Record{{Msg: msg, Req: req}, {Msg: msg ^ 1, Req: req}, {Msg: msg + 1}})
	})
}
