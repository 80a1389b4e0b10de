package usage

import (
	"sort"
	"time"
)

// setRecent gives data the calls a kept report holds after its cut.
func (data *Data) setRecent(st *reportState) {
	data.recent = make([]Entry, len(st.tail))
	for i := range st.tail {
		data.recent[i] = st.tail[i].e
	}
	data.recentFrom, data.hasRecent = time.Unix(st.cut, 0), true
}

// mergeResult finishes a merge of every file's entries (when they are
// not what the index holds, or there is no index) into data.
func mergeResult(data *Data, m *merger, opt Options) {
	data.Replays = m.dropReplays()
	data.DuplicateLines += m.duplicates
	calls, _ := m.sorted()
	data.sorted = callsWithin(calls, opt.Since, opt.Until)
	if spec := opt.Report; spec != nil {
		rf := newReportFold(spec.Table, spec.Options)
		for _, e := range data.sorted {
			rf.add(e)
		}
		var part Report
		rf.finish(&part, data.LimitHits)
		data.built = &builtReport{table: spec.Table, opt: spec.Options, part: part}
	}
}

// callsWithin returns the calls within since and until; a new slice when
// some are left out.
func callsWithin(calls []*Entry, since, until time.Time) []*Entry {
	if since.IsZero() && until.IsZero() {
		return calls
	}
	var out []*Entry
	for _, e := range calls {
		if within(e.Time, since, until) {
			out = append(out, e)
		}
	}
	return out
}

func keepHitsWithin(hits []LimitHit, since, until time.Time) []LimitHit {
	out := hits[:0]
	for _, h := range hits {
		if within(h.Time, since, until) {
			out = append(out, h)
		}
	}
	return out
}

func within(t, since, until time.Time) bool {
	return (since.IsZero() || !t.Before(since)) && (until.IsZero() || t.Before(until))
}

// uniqueHits drops repeats of a limit hit (the same line read from two
// copies of a history, or from an export and its logs): hits sorted by
// time, a repeat has the same time as the one it repeats.
func uniqueHits(hits []LimitHit) []LimitHit {
	out := hits[:0]
	for i, h := range hits {
		dup := false
		for j := len(out) - 1; j >= 0 && out[j].Time.Equal(h.Time); j-- {
			if out[j] == h {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, hits[i])
		}
	}
	return out
}

// mergeInOrder merges the files next gives (in path order, waiting for
// each to be read), gathering their counts into data, and lets each go
// once merged.
func (rd *reading) mergeInOrder(data *Data, next func(i int) (LogFile, bool)) *merger {
	m := newMerger(0)
	k := uint32(0)
	for i := 0; ; i++ {
		f, ok := next(i)
		if !ok {
			return m
		}
		if !rd.opt.Since.IsZero() && f.ModTime.Before(rd.opt.Since) {
			continue
		}
		r := rd.wait(f.Path)
		rd.gather(f, r, nil, data)
		m.add(k, r.entries)
		k++
		rd.release(f.Path)
	}
}

// foundAt is the i-th file the walk found, once it is found; false when
// the walk is over without it.
func (rd *reading) foundAt(i int) (LogFile, bool) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	for i >= len(rd.found) && !rd.walked {
		rd.waitFound = true
		rd.arrived.Wait()
		rd.waitFound = false
	}
	if i < len(rd.found) {
		return rd.found[i], true
	}
	return LogFile{}, false
}

// sameOrder reports whether the files read are those found, in order.
func sameOrder(read, found []LogFile) bool {
	if len(read) != len(found) {
		return false
	}
	for i := range read {
		if read[i].Path != found[i].Path {
			return false
		}
	}
	return true
}

// gather adds a file's counts, limit hits and problem to data: from this
// read's result r, else from the index's state s.
func (rd *reading) gather(f LogFile, r *fileResult, s *fileState, data *Data) {
	var stats FileStats
	var hits []LimitHit
	if r != nil {
		stats, hits = r.stats, r.hits
		data.Bytes += r.bytes
		data.DuplicateLines += r.duplicates
	} else {
		stats, hits = s.stats, s.hits
		stats.Path = f.Path
		data.Bytes += s.offset
		data.DuplicateLines += s.duplicates
	}
	data.Files = append(data.Files, stats)
	data.Lines += stats.Lines
	data.UsageLines += stats.UsageLines
	data.BadLines += stats.BadLines
	data.InvalidUTF8 += stats.InvalidUTF8
	data.APIErrorLines += stats.APIErrorLines
	data.LimitHits = append(data.LimitHits, hits...)
	if p, ok := stats.problem(); ok {
		data.Problems = append(data.Problems, p)
	}
}

// sortedHits keeps the limit hits within the read's window, sorted by
// time, each once.
func sortedHits(hits []LimitHit, opt Options) []LimitHit {
	hits = keepHitsWithin(hits, opt.Since, opt.Until)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Time.Before(hits[j].Time) })
	return uniqueHits(hits)
}

// wait returns the result of the file at path, once a worker has it.
func (rd *reading) wait(path string) *fileResult {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	for rd.results[path] == nil {
		rd.waitPath = path
		rd.arrived.Wait()
		rd.waitPath = ""
	}
	return rd.results[path]
}

// release forgets a merged result.
func (rd *reading) release(path string) {
	rd.mu.Lock()
	delete(rd.results, path)
	rd.mu.Unlock()
}
