package usage

import (
	"cmp"
	"slices"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
)

// A merge that changed a few calls says which left the report (a copy
// that no longer counts, a replay now dropped) and which came in; a kept
// report takes them into the calls after its cut.

// within reports whether a call's time is inside the key's since and
// until.
func (k reportKey) within(e *Entry) bool {
	t := e.Time.UnixNano()
	return (k.since == 0 || t >= k.since) && (k.until == 0 || t < k.until)
}

// apply takes the calls removed and added into the tail; false when one
// lies before the cut, or a removed one is not there (the state no longer
// matches the merge). order ranks files in merge order.
func (st *reportState) apply(removed, added []tailEntry, order func(fid uint32) int) bool {
	st.changes++
	for _, r := range removed {
		if !st.key.within(&r.e) {
			continue
		}
		if r.e.Time.Unix() < st.cut {
			return false
		}
		i := slices.IndexFunc(st.tail, func(t tailEntry) bool { return sameCall(&t, &r) })
		if i < 0 {
			return false
		}
		st.tail = slices.Delete(st.tail, i, i+1)
	}
	for _, a := range added {
		if !st.key.within(&a.e) {
			continue
		}
		if a.e.Time.Unix() < st.cut {
			return false
		}
		i, _ := slices.BinarySearchFunc(st.tail, a, func(t, a tailEntry) int { return compareTail(&t, &a, order) })
		st.tail = slices.Insert(st.tail, i, a)
	}
	return true
}

// sameCall: the same response (by id), or the same call without an id
// (by where it lies).
func sameCall(a, b *tailEntry) bool {
	if a.e.id.hasMsg || b.e.id.hasMsg {
		return a.e.id == b.e.id
	}
	return a.first == b.first
}

// compareTail is the report's order: time, then the first copy's place in
// merge order.
func compareTail(a, b *tailEntry, order func(fid uint32) int) int {
	if c := a.e.Time.Compare(b.e.Time); c != 0 {
		return c
	}
	if c := cmp.Compare(order(a.first.File), order(b.first.File)); c != 0 {
		return c
	}
	return cmp.Compare(a.first.Idx, b.first.Idx)
}

// encodeReports writes the kept reports.
func (ix *Index) encodeReports(e *binfmt.Encoder) {
	e.Uint(uint64(len(ix.reports)))
	for _, st := range ix.reports {
		k := st.key
		e.U64(k.table)
		e.RawString(k.zone)
		e.RawString(k.options)
		e.Int(k.since)
		e.Int(k.until)
		e.Int(st.cut)
		e.Bytes(binfmt.EncodeTable(st.table))
		e.Bytes(st.prefix)
		e.Uint(uint64(len(st.tail)))
		var prev int64
		for i := range st.tail {
			t := &st.tail[i]
			e.Uint(uint64(t.first.File))
			e.Uint(uint64(t.first.Idx))
			prev = encodeEntry(e, &t.e, prev)
		}
	}
}

// decodeReports reads the kept reports, their calls' strings numbered in
// table.
func decodeReports(b []byte, table []string) ([]*reportState, error) {
	d := &binfmt.Decoder{Buf: b, Table: table}
	var reports []*reportState
	n := d.Count()
	for i := 0; i < n && d.Err == nil; i++ {
		st := &reportState{}
		st.key = reportKey{table: d.U64(), zone: d.RawString(), options: d.RawString(), since: d.Int(), until: d.Int()}
		st.cut = d.Int()
		td := &binfmt.Decoder{Buf: d.Bytes()}
		st.table = td.ReadTable()
		if td.Done() != nil {
			d.Fail()
		}
		st.prefix = d.Bytes()
		m := d.Count()
		st.tail = make([]tailEntry, m)
		var prev int64
		for j := 0; j < m && d.Err == nil; j++ {
			t := &st.tail[j]
			t.first = replytable.Pos{File: uint32(d.Uint()), Idx: uint32(d.Uint())}
			prev = decodeEntry(d, &t.e, prev)
		}
		reports = append(reports, st)
	}
	return reports, d.Done()
}
