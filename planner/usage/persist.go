package usage

import (
	"slices"
)

// keep updates the index with a read of files (every file found, sorted
// by path): the states of the files read, the files gone forgotten, and
// the merge brought up to date: from the new calls alone when files only
// grew or are new, else from every file's entries. An error means the
// index's calls could not be read back.
func (ix *Index) keep(files []LogFile, results map[string]*fileResult) error {
	ix.fresh = nil
	if !ix.changedBy(files, results) {
		return nil
	}
	if err := ix.load(); err != nil {
		return err
	}
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.Path] = true
	}
	onlyGrown := true
	for p := range ix.files {
		if !seen[p] {
			delete(ix.files, p)
			ix.dirty, onlyGrown = true, false
		}
	}
	var changes []*fileChange
	for _, f := range files {
		r := results[f.Path]
		if r == nil {
			continue
		}
		old, s := ix.files[f.Path], r.next
		switch {
		case s == nil: // not read to its end: read again from the start next time
			if old != nil {
				delete(ix.files, f.Path)
				ix.dirty, onlyGrown = true, false
			}
			continue
		case old == nil:
			s.fid = ix.nextFID
			ix.nextFID++
			changes = append(changes, &fileChange{s: s})
		case r.resumed:
			if sameState(old, s) {
				continue // checked, nothing new
			}
			s.fid = old.fid
			c := &fileChange{s: s, from: old.len()}
			if c.from > 0 {
				c.oldLast = old.list()[c.from-1]
			}
			changes = append(changes, c)
		default: // replaced, truncated, rewritten
			s.fid = old.fid
			onlyGrown = false
		}
		ix.files[f.Path] = s
		ix.dirty = true
	}
	// Taking calls in one by one costs more per call than a merge from
	// scratch: when most are new (a first read), merge them all.
	fresh := 0
	for _, c := range changes {
		fresh += c.s.len() - c.from
	}
	if onlyGrown && fresh <= ix.replies.Len() {
		ix.mergeGrown(files, changes)
		return nil
	}
	ix.remerge(files)
	return nil
}

// changedBy reports whether a read changes what the index holds: a file
// gone, new, read again from its start, or with more to it.
func (ix *Index) changedBy(files []LogFile, results map[string]*fileResult) bool {
	held := 0
	for _, f := range files {
		if ix.files[f.Path] != nil {
			held++
		}
	}
	if held != len(ix.files) {
		return true // a file the index holds is gone
	}
	for p, r := range results {
		old := ix.files[p]
		switch {
		case r.next == nil:
			if old != nil {
				return true
			}
		case old == nil, !r.resumed, !sameState(old, r.next):
			return true
		}
	}
	return false
}

// sameState reports whether a file read again found it as it was.
func sameState(a, b *fileState) bool {
	return a.offset == b.offset && a.size == b.size && a.modTime == b.modTime && a.trusted == b.trusted &&
		a.id == b.id && a.head == b.head && a.tail == b.tail
}

// fileOrder ranks the files' numbers in merge order (by path).
func (ix *Index) fileOrder(files []LogFile) func(uint32) int {
	var rank map[uint32]int
	return func(fid uint32) int {
		if rank == nil {
			rank = make(map[uint32]int, len(files))
			for i, f := range files {
				if s := ix.files[f.Path]; s != nil {
					rank[s.fid] = i
				}
			}
		}
		return rank[fid]
	}
}

// mergeGrown merges the new calls of files that grew or are new, and
// takes the calls that left and entered the result into the kept reports;
// a report the change reaches before its cut is dropped.
func (ix *Index) mergeGrown(files []LogFile, changes []*fileChange) {
	if len(changes) == 0 {
		return
	}
	order := ix.fileOrder(files)
	removed, added := ix.mergeChanges(changes, order)
	if len(removed)+len(added) == 0 {
		return
	}
	ix.dirty = true
	if len(removed)+len(added) > maxTail {
		ix.reports = nil // folding them all again costs less than inserting them
		return
	}
	kept := ix.reports[:0]
	for _, st := range ix.reports {
		if st.apply(removed, added, order) {
			kept = append(kept, st)
		}
	}
	ix.reports = kept
}

// remerge merges every file's entries from scratch; the kept reports go.
func (ix *Index) remerge(files []LogFile) {
	hint := 0
	for _, s := range ix.files {
		hint += s.len()
	}
	m := newMerger(hint)
	for _, f := range files {
		if s := ix.files[f.Path]; s != nil {
			m.add(s.fid, s.list())
		}
	}
	ix.replays = m.dropReplays()
	ix.duplicates = m.duplicates
	ix.replies, ix.repliesRead = m.table(), true
	ix.reports = nil
	ix.recode, ix.dirty = true, true
	calls, firsts := m.sorted()
	ix.fresh = &mergedCalls{calls, firsts}
}

// maxReports is how many reports (tier table, zone, options) an index
// keeps.
const maxReports = 4

// dataFromIndex fills data from the index, which holds exactly what this
// read found: the calls are decoded when first asked for, and the report
// asked for is built from a kept one and what changed since (or is the
// one pre folded beside the walk, when nothing changed it). An error
// means the index's calls could not be read back.
func (ix *Index) dataFromIndex(data *Data, files []LogFile, opt Options, fsys FileSystem, pre *preparedReport) error {
	data.Replays = ix.replays
	data.DuplicateLines += ix.duplicates
	if ix.fresh != nil {
		data.sorted = callsWithin(ix.fresh.calls, opt.Since, opt.Until)
	} else {
		v := ix.view(files)
		data.load = func() []*Entry {
			if v.src != nil && v.src.ensure() != nil {
				// The index's calls cannot be read back: the transcripts can.
				return Read(fsys, files, Options{Since: opt.Since, Until: opt.Until, Workers: opt.Workers}).calls()
			}
			return callsWithin(v.merged().calls, opt.Since, opt.Until)
		}
	}
	spec := opt.Report
	if spec == nil {
		return nil
	}
	key := pre.keyOf(spec, opt.Since, opt.Until)
	for i, st := range ix.reports {
		if st.key != key {
			continue
		}
		part, moved, ok := pre.report(st, spec, data.LimitHits)
		if ok {
			data.setRecent(st)
			// The one used last goes first: the last kept when there are too many.
			ix.reports = append([]*reportState{st}, slices.Delete(ix.reports, i, i+1)...)
			ix.dirty = ix.dirty || moved || i > 0
			data.built = &builtReport{table: spec.Table, opt: spec.Options, part: part}
			return nil
		}
		ix.reports = slices.Delete(ix.reports, i, i+1)
		break
	}
	if err := ix.load(); err != nil {
		return err
	}
	m := ix.fresh
	if m == nil {
		m = ix.view(files).merged()
	}
	calls, firsts := m.calls, m.firsts
	if !opt.Since.IsZero() || !opt.Until.IsZero() {
		calls, firsts = nil, nil
		for i, e := range m.calls {
			if within(e.Time, opt.Since, opt.Until) {
				calls, firsts = append(calls, e), append(firsts, m.firsts[i])
			}
		}
	}
	data.sorted, data.load = calls, nil
	st, part := buildState(spec, key, calls, firsts, data.LimitHits)
	data.setRecent(st)
	ix.reports = append([]*reportState{st}, ix.reports[:min(len(ix.reports), maxReports-1)]...)
	ix.dirty = true
	data.built = &builtReport{table: spec.Table, opt: spec.Options, part: part}
	return nil
}
