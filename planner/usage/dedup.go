package usage

// deduper keeps one entry per API response. Claude Code writes one line per
// content block of a reply, each repeating the reply's usage, and earlier
// lines of a streamed reply may carry a partial output count: the line with
// the larger token total wins, the first one on a tie (as ccusage does).
// Entries must be offered in a deterministic order (files by path, lines in
// file order) for the result to be deterministic. Kept entries are copied
// into fixed-size chunks, never regrown, so a file's own list can be let go
// once merged: memory follows the distinct calls, not the files read.
type deduper struct {
	refs       []*Entry
	chunk      []Entry
	index      map[responseID]int32
	duplicates int
	// inPlace keeps pointers to the entries offered instead of copies:
	// when an index holds every file's entries anyway, copying them would
	// only double them.
	inPlace bool
}

// dedupChunk is how many entries a chunk of the deduper holds.
const dedupChunk = 4096

// newDeduper makes a deduper for about hint entries: the number the index
// knows, never an estimate from the bytes to read (the same calls read
// from eight copies of a history need no more room than from one).
func newDeduper(hint int) *deduper {
	return &deduper{refs: make([]*Entry, 0, hint), index: make(map[responseID]int32, hint)}
}

// keep copies e into the current chunk (or keeps e itself, inPlace).
func (d *deduper) keep(e *Entry) *Entry {
	if d.inPlace {
		return e
	}
	if len(d.chunk) == cap(d.chunk) {
		d.chunk = make([]Entry, 0, dedupChunk)
	}
	d.chunk = append(d.chunk, *e)
	return &d.chunk[len(d.chunk)-1]
}

// add offers one entry.
func (d *deduper) add(e *Entry) {
	if !e.id.hasMsg {
		d.refs = append(d.refs, d.keep(e))
		return
	}
	if i, ok := d.index[e.id]; ok {
		d.duplicates++
		if e.Tokens.Total() > d.refs[i].Tokens.Total() {
			if d.inPlace {
				d.refs[i] = e
			} else {
				*d.refs[i] = *e
			}
		}
		return
	}
	d.index[e.id] = int32(len(d.refs))
	d.refs = append(d.refs, d.keep(e))
}

// dropReplays removes sidechain replays: a /btw side question (and older
// clients' inline sidechains) re-log a parent reply under the same message id
// with a new request id. When responses share a message id and one of them is
// a sidechain, they are the same reply: the non-sidechain ones are kept (or,
// when all are sidechains, the largest, first on a tie). ccusage applies this
// rule in its daily report only; tierplan applies it everywhere. It returns
// the kept entries and how many were dropped.
func dropReplays(entries []*Entry) ([]*Entry, int) {
	first := make(map[uint64]int, len(entries))
	var shared map[uint64][]int // message ids logged under more than one request id
	for i, e := range entries {
		if !e.id.hasMsg {
			continue
		}
		j, ok := first[e.id.msg]
		if !ok {
			first[e.id.msg] = i
			continue
		}
		if shared == nil {
			shared = map[uint64][]int{}
		}
		if shared[e.id.msg] == nil {
			shared[e.id.msg] = []int{j}
		}
		shared[e.id.msg] = append(shared[e.id.msg], i)
	}
	if len(shared) == 0 {
		return entries, 0
	}
	drop := map[int]bool{}
	for _, group := range shared {
		anySide, anyMain := false, false
		for _, i := range group {
			if entries[i].Sidechain {
				anySide = true
			} else {
				anyMain = true
			}
		}
		switch {
		case !anySide: // distinct requests of one message on the main thread: all count
		case anyMain:
			for _, i := range group {
				if entries[i].Sidechain {
					drop[i] = true
				}
			}
		default:
			best := group[0]
			for _, i := range group[1:] {
				if entries[i].Tokens.Total() > entries[best].Tokens.Total() {
					best = i
				}
			}
			for _, i := range group {
				if i != best {
					drop[i] = true
				}
			}
		}
	}
	kept := entries[:0]
	for i, e := range entries {
		if !drop[i] {
			kept = append(kept, e)
		}
	}
	return kept, len(drop)
}
