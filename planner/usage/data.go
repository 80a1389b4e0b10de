package usage

import "time"

// setRecent gives data the calls a kept report holds after its cut.
func (data *Data) setRecent(st *reportState) {
	data.recent = make([]Entry, len(st.tail))
	for i := range st.tail {
		data.recent[i] = st.tail[i].e
	}
	data.recentFrom, data.hasRecent = time.Unix(st.cut, 0), true
}

// mergeData merges this read's entries of every file (when they are not
// what the index holds, or there is no index).
func mergeData(data *Data, files []fileEntries, opt Options) {
	hint := 0
	for _, fe := range files {
		hint += len(fe.entries)
	}
	m := newMerger(hint)
	for i, fe := range files {
		m.add(uint32(i), fe.list())
	}
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
