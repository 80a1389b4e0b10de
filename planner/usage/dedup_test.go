package usage

import "testing"

func entry(msg, req string, side bool, out int64) Entry {
	return Entry{Model: "m", Sidechain: side, Tokens: Tokens{Input: 1, Output: out}, id: makeResponseID([]byte(msg), []byte(req))}
}

func TestMergerKeepsLargest(t *testing.T) {
	m := newMerger(0)
	m.add(0, []Entry{
		entry("m1", "r1", false, 5),   // partial output of an early block line
		entry("m1", "r1", false, 187), // final block line: larger total wins
		entry("m1", "r1", false, 187), // tie: first kept
		entry("m2", "r2", false, 10),
		entry("", "", false, 3), // no message id: never deduplicated
		entry("", "", false, 3),
	})
	if len(m.slots) != 4 || m.slots[0].e.Tokens.Output != 187 || m.slots[0].win.Idx != 1 || m.duplicates != 2 {
		t.Fatalf("slots %+v dups %d", m.slots, m.duplicates)
	}
}

// A tie between files goes to the copy in the file merged first (by
// path), whatever file holds the larger one later.
func TestMergerTiesGoToTheFirstFile(t *testing.T) {
	m := newMerger(0)
	a, b := entry("m1", "r1", false, 50), entry("m1", "r1", false, 50)
	a.SessionID, b.SessionID = "a", "b"
	m.add(0, []Entry{a})
	m.add(1, []Entry{b})
	if m.slots[0].e.SessionID != "a" || m.duplicates != 1 {
		t.Fatalf("kept %q", m.slots[0].e.SessionID)
	}
}

func TestDropReplays(t *testing.T) {
	m := newMerger(0)
	m.add(0, []Entry{
		entry("m1", "r1", false, 100),
		entry("m1", "r1-btw", true, 100), // /btw replay of m1: dropped
		entry("m2", "r2", true, 50),      // a distinct sidechain message: kept
		entry("m3", "r3a", false, 10),    // one message id, two main-thread requests: both kept
		entry("m3", "r3b", false, 20),
		entry("m4", "r4a", true, 10), // sidechain-only replays: the largest kept
		entry("m4", "r4b", true, 30),
	})
	dropped := m.dropReplays()
	out, _ := m.sorted()
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
