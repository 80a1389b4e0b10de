package usage

import (
	"cmp"
	"slices"

	"github.com/tierplan/tierplan/planner/usage/internal/bucketsort"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// Deduplication. Claude Code writes one line per content block of a reply,
// each repeating the reply's usage, and earlier lines of a streamed reply
// may carry a partial output count; a resumed session copies the replies
// it resumes into its own file, and an export repeats what logs hold. Each
// response (message id + request id) counts once: its copy with the
// largest token total, the first one, in the order files are merged (by
// path, lines in file order), on a tie, as ccusage does. The order of the
// first copies places responses of the same instant, so the result does
// not depend on the order files were read in.

// idKey is a response id as a map key: 16 bytes, hashed as one word pair.
type idKey struct{ msg, req uint64 }

// slot is one distinct response, or one call without a message id (never
// deduplicated), in the order of its first copy.
type slot struct {
	e          *Entry // the copy that counts
	win, first replytable.Pos
	dropped    bool // a sidechain replay, left out
}

// merger deduplicates the entries of files offered in merge order.
type merger struct {
	index      map[idKey]int32
	slots      []slot
	duplicates int
	order      []int32 // see byID
}

// newMerger makes a merger for about hint responses: a number an index
// knows, never an estimate from the bytes to read (the same calls read
// from eight copies of a history need no more room than from one).
func newMerger(hint int) *merger {
	return &merger{index: make(map[idKey]int32, hint), slots: make([]slot, 0, hint)}
}

// add offers the entries of the file numbered fid.
func (m *merger) add(fid uint32, entries []Entry) {
	if need := len(m.slots) + len(entries); need > cap(m.slots) {
		// Doubling, not append's quarter steps for large slices: a merge
		// not sized up front copies its slots a few times, not twenty.
		m.slots = slices.Grow(m.slots, max(need, 2*cap(m.slots))-len(m.slots))
	}
	for i := range entries {
		e := &entries[i]
		pos := replytable.Pos{File: fid, Idx: uint32(i)}
		if !e.id.hasMsg {
			m.slots = append(m.slots, slot{e: e, win: pos, first: pos})
			continue
		}
		key := idKey{e.id.msg, e.id.req}
		if k, ok := m.index[key]; ok {
			m.duplicates++
			if s := &m.slots[k]; e.Tokens.Total() > s.e.Tokens.Total() {
				s.e, s.win = e, pos
			}
			continue
		}
		m.index[key] = int32(len(m.slots))
		m.slots = append(m.slots, slot{e: e, win: pos, first: pos})
	}
}

// byID returns the slots of responses with an id, in id order (message
// id, then request id), and lets the merger's map go: what follows (the
// replay rule, the reply table) reads responses by id in this order.
func (m *merger) byID() []int32 {
	if m.order != nil {
		return m.order
	}
	// The ids are copied next to the slot numbers and sorted as plain
	// values: no pointer is followed while sorting.
	type key struct {
		msg, req uint64
		i        int32
	}
	keys := make([]key, 0, len(m.index))
	m.index = nil
	for i := range m.slots {
		if id := m.slots[i].e.id; id.hasMsg {
			keys = append(keys, key{id.msg, id.req, int32(i)})
		}
	}
	keys = bucketsort.Sort(keys, func(k key) uint64 { return k.msg }, func(a, b key) int {
		if c := cmp.Compare(a.msg, b.msg); c != 0 {
			return c
		}
		return cmp.Compare(a.req, b.req)
	})
	m.order = make([]int32, len(keys))
	for k, x := range keys {
		m.order[k] = x.i
	}
	return m.order
}

// dropReplays marks sidechain replays: a /btw side question (and older
// clients' inline sidechains) re-log a parent reply under the same message id
// with a new request id. When responses share a message id and one of them is
// a sidechain, they are the same reply: the non-sidechain ones are kept (or,
// when all are sidechains, the largest, first on a tie). ccusage applies this
// rule in its daily report only; tierplan applies it everywhere. It returns
// how many were dropped.
func (m *merger) dropReplays() int {
	order := m.byID()
	dropped := 0
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && m.slots[order[hi]].e.id.msg == m.slots[order[lo]].e.id.msg {
			hi++
		}
		if hi-lo > 1 {
			// The rule reads a group in the order of first copies.
			group := slices.Clone(order[lo:hi])
			slices.Sort(group)
			members := make([]*Entry, len(group))
			for k, i := range group {
				members[k] = m.slots[i].e
			}
			for k, drop := range replayDrops(members) {
				if drop {
					m.slots[group[k]].dropped = true
					dropped++
				}
			}
		}
		lo = hi
	}
	return dropped
}

// replayDrops decides which of the responses of one message id (in the
// order of their first copies) are replays to leave out.
func replayDrops(group []*Entry) []bool {
	drop := make([]bool, len(group))
	anySide, anyMain := false, false
	for _, e := range group {
		if e.Sidechain {
			anySide = true
		} else {
			anyMain = true
		}
	}
	switch {
	case !anySide: // distinct requests of one message on the main thread: all count
	case anyMain:
		for k, e := range group {
			drop[k] = e.Sidechain
		}
	default:
		best := 0
		for k, e := range group {
			if e.Tokens.Total() > group[best].Tokens.Total() {
				best = k
			}
		}
		for k := range group {
			drop[k] = k != best
		}
	}
	return drop
}

// sorted returns the kept responses sorted by time, ties in the order of
// their first copies, through a permutation of small keys, with where the
// first copy of each lies.
func (m *merger) sorted() ([]*Entry, []replytable.Pos) {
	type key struct {
		sec  int64
		nsec int32
		i    int32
	}
	keys := make([]key, 0, len(m.slots))
	ordered := true
	for i, s := range m.slots {
		if s.dropped {
			continue
		}
		k := key{s.e.Time.Unix(), int32(s.e.Time.Nanosecond()), int32(i)}
		if n := len(keys); n > 0 && (k.sec < keys[n-1].sec || k.sec == keys[n-1].sec && k.nsec < keys[n-1].nsec) {
			ordered = false
		}
		keys = append(keys, k)
	}
	if !ordered {
		// A time's seconds, its sign bit flipped, rank it as an unsigned
		// number.
		bySecond := func(k key) uint64 { return uint64(k.sec) ^ 1<<63 }
		keys = bucketsort.Sort(keys, bySecond, func(a, b key) int {
			if c := cmp.Compare(a.sec, b.sec); c != 0 {
				return c
			}
			if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
	}
	out := make([]*Entry, len(keys))
	firsts := make([]replytable.Pos, len(keys))
	for i, k := range keys {
		out[i], firsts[i] = m.slots[k.i].e, m.slots[k.i].first
	}
	return out, firsts
}

// table is the reply table of the merged responses.
func (m *merger) table() replytable.Table {
	order := m.byID()
	t := make(replytable.Table, 0, len(order)*replytable.RecordSize)
	for _, i := range order {
		s := &m.slots[i]
		t = t.Append(replytable.Record{Msg: s.e.id.msg, Req: s.e.id.req, Win: s.win, First: s.first, Dropped: s.dropped})
	}
	return t
}
