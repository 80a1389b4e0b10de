package usage

import "time"

// A warm read walks and stats the history on every CPU, and the second
// CPU has room once the tier table is parsed; the kept report it will
// most likely answer with (the one for its key, as the index holds it)
// is decoded and folded there meanwhile, so that after the walk only the
// limit hits are left to count. When the read changed that report (new
// calls taken into it, the cut moved) or keeps none for the key, the
// prepared one is not used and the report is folded after the walk as
// before: the answer never depends on which way it was made.

// preparedReport is a kept report folded beside the walk.
type preparedReport struct {
	done chan struct{}
	// spec is the read's spec, ready (its table in place), or err the
	// error that made it not; key is spec's report key.
	spec         *ReportSpec
	err          error
	key          reportKey
	since, until time.Time
	// st is the state folded, at changes (nil when none was), into
	// part, its blocks without their limit hits; ok is report's.
	st      *reportState
	changes int
	part    Report
	ok      bool
}

// prepareReport starts readying spec (waiting for its table) and folding
// the index's kept report for it; nil when the index keeps no report, and
// then the read readies spec itself. The read must call wait before it
// changes the index's reports.
func prepareReport(ix *Index, spec *ReportSpec, since, until time.Time) *preparedReport {
	if ix == nil || spec == nil || len(ix.reports) == 0 {
		return nil
	}
	p := &preparedReport{done: make(chan struct{}), since: since, until: until}
	reports := ix.reports
	go func() {
		defer close(p.done)
		if p.spec, p.err = spec.ready(); p.err != nil {
			return
		}
		p.key = keyOf(p.spec, since, until)
		for _, st := range reports {
			if st.key != p.key {
				continue
			}
			if len(st.tail) <= maxTail { // a longer tail moves the cut: a change of st
				p.st, p.changes = st, st.changes
				p.part, _, p.ok = st.reportWithoutHits(p.spec)
			}
			return
		}
	}()
	return p
}

// wait returns the spec ready, once the fold beside the walk is over.
func (p *preparedReport) wait() (*ReportSpec, error) {
	<-p.done
	return p.spec, p.err
}

// keyOf is keyOf for the spec wait returned, already computed (hashing
// the tier table is a good part of a warm read's work after its walk).
func (p *preparedReport) keyOf(spec *ReportSpec, since, until time.Time) reportKey {
	if p != nil && p.spec == spec && p.err == nil && p.since.Equal(since) && p.until.Equal(until) {
		return p.key
	}
	return keyOf(spec, since, until)
}

// report is st.report, from the fold made beside the walk when that was
// of st for spec and st has not changed since.
func (p *preparedReport) report(st *reportState, spec *ReportSpec, hits []LimitHit) (part Report, moved, ok bool) {
	if p == nil || p.st != st || p.spec != spec || p.changes != st.changes {
		return st.report(spec, hits)
	}
	part, p.st = p.part, nil // used once: countHits writes into its blocks
	countHits(part.Blocks, hits)
	return part, false, p.ok
}
