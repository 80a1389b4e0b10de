package usage

import (
	"cmp"
	"slices"

	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// mergedCalls is the merged result in report order, with where the first
// copy of each response lies.
type mergedCalls struct {
	calls  []*Entry
	firsts []replytable.Pos
}

// indexView is what the index holds for a set of files, as it is now: the
// files' states in merge order (nil for a file it does not have) and the
// reply table. Later reads through the index leave a view as it was.
type indexView struct {
	states  []*fileState
	replies replytable.Table
	// src, when the table is still to be read, is where from, and edits
	// what the index's delta changes in it.
	src   *indexSource
	edits []replytable.Record
}

func (ix *Index) view(files []LogFile) indexView {
	v := indexView{states: make([]*fileState, len(files)), replies: ix.replies}
	if ix.src != nil && !ix.repliesRead {
		v.src, v.edits = ix.src, ix.edits
	}
	for i, f := range files {
		v.states[i] = ix.files[f.Path]
	}
	return v
}

// merged returns the merged result of the view: the copies the reply
// table says count, and the calls without an id, in report order.
func (v indexView) merged() *mergedCalls {
	if v.src != nil {
		v.replies = v.src.repliesWith(v.edits) // read by the caller
	}
	type ref struct {
		sec   int64
		nsec  int32
		rank  int32 // the first copy's file, in merge order
		idx   uint32
		e     *Entry
		first replytable.Pos
	}
	byFID := make(map[uint32]*fileState, len(v.states))
	rank := make(map[uint32]int32, len(v.states))
	refs := make([]ref, 0, v.replies.Len())
	add := func(e *Entry, first replytable.Pos) {
		refs = append(refs, ref{e.Time.Unix(), int32(e.Time.Nanosecond()), rank[first.File], first.Idx, e, first})
	}
	for i, s := range v.states {
		if s != nil {
			byFID[s.fid], rank[s.fid] = s, int32(i)
		}
	}
	for _, s := range v.states {
		if s == nil {
			continue
		}
		list := s.list()
		for j := range list {
			if !list[j].id.hasMsg {
				add(&list[j], replytable.Pos{File: s.fid, Idx: uint32(j)})
			}
		}
	}
	for i := 0; i < v.replies.Len(); i++ {
		r := v.replies.At(i)
		s := byFID[r.Win.File]
		if r.Dropped || s == nil || int(r.Win.Idx) >= s.len() {
			continue
		}
		add(&s.list()[r.Win.Idx], r.First)
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	m := &mergedCalls{calls: make([]*Entry, len(refs)), firsts: make([]replytable.Pos, len(refs))}
	for i, r := range refs {
		m.calls[i], m.firsts[i] = r.e, r.first
	}
	return m
}
