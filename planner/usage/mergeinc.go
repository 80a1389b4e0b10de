package usage

import (
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// The merge of a read whose files only grew, or are new, takes the new
// calls into the index's reply table one by one instead of merging every
// call again: a new response gets a record, a new copy of a known one is
// weighed against the copy that counts (the largest, the first in merge
// order on a tie), a call folded across the append (a reply whose block
// lines straddle two reads) is weighed again, and the replay rule is
// applied again to the message ids touched. The calls that stop or start
// counting are returned, for the kept reports.

// fileChange is one file's entries after a read that only added to them.
type fileChange struct {
	s *fileState // the file's new state
	// from is how many entries the file had before; the last of them may
	// have folded the first new line of its reply, and was oldLast.
	from    int
	oldLast Entry
}

// incremental is one incremental merge over the index.
type incremental struct {
	ix      *Index
	order   func(fid uint32) int
	byFID   map[uint32]*fileState
	changed map[uint32]*fileChange
	edits   map[responseID]*replytable.Record
	before  map[responseID]replytable.Record // the records edited, as they were
	msgs    map[uint64][]responseID          // message ids whose replay groups may change, with their new ids
	added   []tailEntry                      // calls without an id, new
}

// mergeChanges merges changes into the index's reply table and returns
// the calls that left and entered the merged result.
func (ix *Index) mergeChanges(changes []*fileChange, order func(uint32) int) (removed, added []tailEntry) {
	in := &incremental{ix: ix, order: order, byFID: make(map[uint32]*fileState, len(ix.files)), changed: map[uint32]*fileChange{},
		edits: map[responseID]*replytable.Record{}, before: map[responseID]replytable.Record{}, msgs: map[uint64][]responseID{}}
	for _, s := range ix.files {
		in.byFID[s.fid] = s
	}
	for _, c := range changes {
		in.changed[c.s.fid] = c
	}
	for _, c := range changes {
		list := c.s.list()
		if c.from > 0 && list[c.from-1] != c.oldLast {
			in.offer(replytable.Pos{File: c.s.fid, Idx: uint32(c.from - 1)}, &list[c.from-1], false)
		}
		for i := c.from; i < len(list); i++ {
			in.offer(replytable.Pos{File: c.s.fid, Idx: uint32(i)}, &list[i], true)
		}
	}
	for msg, fresh := range in.msgs {
		in.regroup(msg, fresh)
	}
	return in.result()
}

// offer weighs one copy: new (a line read now) or one whose value grew
// (the last entry of a file, folded with a line read now).
func (in *incremental) offer(pos replytable.Pos, e *Entry, isNew bool) {
	if !e.id.hasMsg {
		in.added = append(in.added, tailEntry{*e, pos})
		return
	}
	r, found := in.record(e.id)
	if !found {
		*r = replytable.Record{Msg: e.id.msg, Req: e.id.req, Win: pos, First: pos}
		in.msgs[e.id.msg] = append(in.msgs[e.id.msg], e.id)
		return
	}
	if _, ok := in.msgs[e.id.msg]; !ok {
		in.msgs[e.id.msg] = nil
	}
	if isNew {
		in.ix.duplicates++
	}
	if r.Win == pos {
		return // the copy that counts grew: it still counts
	}
	w := in.current(r.Win)
	if t, wt := e.Tokens.Total(), w.Tokens.Total(); t > wt || t == wt && in.less(pos, r.Win) {
		r.Win = pos
	}
	if in.less(pos, r.First) {
		r.First = pos
	}
}

// record returns the record of id to edit, and whether the response was
// known (in the table, or met earlier in this merge).
func (in *incremental) record(id responseID) (*replytable.Record, bool) {
	if r := in.edits[id]; r != nil {
		return r, true
	}
	r := &replytable.Record{}
	in.edits[id] = r
	if i, ok := in.ix.replies.Find(id.msg, id.req); ok {
		*r = in.ix.replies.At(i)
		in.before[id] = *r
		return r, true
	}
	return r, false
}

func (in *incremental) less(a, b replytable.Pos) bool {
	if oa, ob := in.order(a.File), in.order(b.File); oa != ob {
		return oa < ob
	}
	return a.Idx < b.Idx
}

// current is the entry at pos now; old is the one before this merge.
func (in *incremental) current(pos replytable.Pos) *Entry {
	s := in.byFID[pos.File]
	if s == nil || int(pos.Idx) >= s.len() {
		return &Entry{} // not in a valid table
	}
	return &s.list()[pos.Idx]
}

func (in *incremental) old(pos replytable.Pos) Entry {
	if c := in.changed[pos.File]; c != nil && int(pos.Idx) == c.from-1 {
		return c.oldLast
	}
	return *in.current(pos)
}

// regroup applies the replay rule again to the responses of one message
// id: those in the table and those new in this merge (fresh).
func (in *incremental) regroup(msg uint64, fresh []responseID) {
	var ids []responseID
	lo, hi := in.ix.replies.MsgRange(msg)
	for i := lo; i < hi; i++ {
		r := in.ix.replies.At(i)
		ids = append(ids, responseID{msg: r.Msg, req: r.Req, hasMsg: true})
	}
	ids = append(ids, fresh...)
	if len(ids) < 2 {
		return
	}
	recs := make([]*replytable.Record, len(ids))
	for i, id := range ids {
		recs[i], _ = in.record(id)
	}
	// The rule reads a group in the order of first copies.
	for i := 1; i < len(recs); i++ {
		for j := i; j > 0 && in.less(recs[j].First, recs[j-1].First); j-- {
			recs[j], recs[j-1] = recs[j-1], recs[j]
		}
	}
	members := make([]*Entry, len(recs))
	for i, r := range recs {
		members[i] = in.current(r.Win)
	}
	for i, drop := range replayDrops(members) {
		recs[i].Dropped = drop
	}
}

// result writes the edits into the table and returns the calls that left
// and entered the merged result.
func (in *incremental) result() (removed, added []tailEntry) {
	added = in.added
	list := make([]replytable.Record, 0, len(in.edits))
	for id, r := range in.edits {
		list = append(list, *r)
		old, existed := in.before[id]
		if existed && old.Dropped {
			in.ix.replays--
		}
		if r.Dropped {
			in.ix.replays++
		}
		wasIn, isIn := existed && !old.Dropped, !r.Dropped
		if wasIn && isIn && old.Win == r.Win && old.First == r.First && in.old(old.Win) == *in.current(r.Win) {
			continue
		}
		if wasIn {
			removed = append(removed, tailEntry{in.old(old.Win), old.First})
		}
		if isIn {
			added = append(added, tailEntry{*in.current(r.Win), r.First})
		}
	}
	in.ix.replies = in.ix.replies.With(list)
	in.ix.edits = mergeEdits(in.ix.edits, list)
	return removed, added
}

// mergeEdits adds the records of later to edits, a record of an id edits
// has replacing it: the records that differ from the base's table.
func mergeEdits(edits, later []replytable.Record) []replytable.Record {
	at := make(map[responseID]int, len(edits)+len(later))
	for i, r := range edits {
		at[responseID{msg: r.Msg, req: r.Req}] = i
	}
	for _, r := range later {
		id := responseID{msg: r.Msg, req: r.Req}
		if i, ok := at[id]; ok {
			edits[i] = r
			continue
		}
		at[id] = len(edits)
		edits = append(edits, r)
	}
	return edits
}
