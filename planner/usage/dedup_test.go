package usage

import "testing"

func entry(msg, req string, side bool, out int64) *Entry {
	return &Entry{Model: "m", Sidechain: side, Tokens: Tokens{Input: 1, Output: out}, id: makeResponseID([]byte(msg), []byte(req))}
}

func TestDeduperKeepsLargest(t *testing.T) {
	d := newDeduper(0)
	d.add(entry("m1", "r1", false, 5))   // partial output of an early block line
	d.add(entry("m1", "r1", false, 187)) // final block line: larger total wins
	d.add(entry("m1", "r1", false, 187)) // tie: first kept
	d.add(entry("m2", "r2", false, 10))
	d.add(entry("", "", false, 3)) // no message id: never deduplicated
	d.add(entry("", "", false, 3))
	if len(d.refs) != 4 || d.refs[0].Tokens.Output != 187 || d.duplicates != 2 {
		t.Fatalf("entries %+v dups %d", d.refs, d.duplicates)
	}
}

func TestDropReplays(t *testing.T) {
	in := []*Entry{
		entry("m1", "r1", false, 100),
		entry("m1", "r1-btw", true, 100), // /btw replay of m1: dropped
		entry("m2", "r2", true, 50),      // a distinct sidechain message: kept
		entry("m3", "r3a", false, 10),    // one message id, two main-thread requests: both kept
		entry("m3", "r3b", false, 20),
		entry("m4", "r4a", true, 10), // sidechain-only replays: the largest kept
		entry("m4", "r4b", true, 30),
	}
	out, dropped := dropReplays(in)
	if dropped != 2 || len(out) != 5 {
		t.Fatalf("dropped %d, kept %d", dropped, len(out))
	}
	var outputs []int64
	for _, e := range out {
		outputs = append(outputs, e.Tokens.Output)
	}
	want := []int64{100, 50, 10, 20, 30}
	for i := range want {
		if outputs[i] != want[i] {
			t.Fatalf("kept outputs %v, want %v", outputs, want)
		}
	}
}
