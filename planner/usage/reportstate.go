package usage

import (
	"encoding/json"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/replytable"
	"github.com/tierplan/tierplan/tiers"
)

// A report kept in the index: the rows of its calls before a recent
// minute (the cut), folded and encoded, and the calls since, in report
// order. A read whose changes all lie at or after the cut (calls appended
// to sessions in progress, new sessions) updates the calls after it and
// folds them onto the kept rows: the report costs what changed, not the
// whole history. A change before the cut (a file deleted, a resumed
// session's copies taking over old calls) drops the state, and the next
// report is folded whole, once.

// reportKey is what a kept report was built for.
type reportKey struct {
	table        uint64 // a hash of the tier table
	zone         string
	options      string // ReportOptions.key
	since, until int64  // Unix nanoseconds; 0 leaves that side open
}

func keyOf(spec *ReportSpec, since, until time.Time) reportKey {
	k := reportKey{table: tableHash(spec.Table), zone: zoneOf(spec.Options.Location).String(), options: spec.Options.key()}
	if !since.IsZero() {
		k.since = since.UnixNano()
	}
	if !until.IsZero() {
		k.until = until.UnixNano()
	}
	return k
}

func zoneOf(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// tableHash hashes every field of the table: one that does not change a
// report (a source note) costs a fold, never a wrong number.
func tableHash(t *tiers.Table) uint64 {
	b, err := json.Marshal(t)
	if err != nil {
		return 0 // a table that cannot be encoded: no kept report matches 0 …
	}
	return xxhash.Sum64(b) | 1 // … as a real hash is never 0
}

// tailEntry is a call at or after the cut, with the first copy of its
// response (which places it among calls of the same instant).
type tailEntry struct {
	e     Entry
	first replytable.Pos
}

// reportState is one kept report.
type reportState struct {
	key reportKey
	cut int64 // Unix seconds, the start of a minute
	// prefix is the rows before the cut, encoded with a string table of
	// their own (table), so they are copied as they are whatever else
	// the index renumbers.
	prefix []byte
	table  []string
	tail   []tailEntry
	// changes counts the edits of the tail since the state was loaded, so
	// a report folded from it beside the walk (preparedReport) is known to
	// be still its report.
	changes int
}

// maxTail is how many calls after the cut a state keeps before it moves
// the cut: folding them costs little, but they are kept whole. tailKeep
// is how many of the newest calls a new cut leaves after it, at least:
// those of the last hour, or this many. (Variables: tests make them small,
// so that small histories have rows before the cut.)
var (
	maxTail  = 4096
	tailKeep = 512
)

// chooseCut is a cut for calls sorted by time: the start of the minute of
// the tailKeep-th newest call, or of the hour before the newest if that is
// earlier. Calls appended later fall after it.
func chooseCut(calls []*Entry) int64 {
	if len(calls) == 0 {
		return math64Min
	}
	i := max(0, len(calls)-tailKeep)
	t := calls[i].Time
	if h := calls[len(calls)-1].Time.Add(-time.Hour); h.Before(t) {
		t = h
	}
	return floorMinute(t)
}

const math64Min = -1 << 63

// cutBefore moves a cut back to the start of the last 5-hour block, so
// the calls after it hold that block whole: a block in progress (what a
// status line asks about) is read from them (Data.EntriesFrom).
func cutBefore(cut int64, b *blockFold, calls []*Entry) int64 {
	if start, ok := b.lastStart(calls); ok {
		return min(cut, floorMinute(start))
	}
	return cut
}

func floorMinute(t time.Time) int64 {
	s := t.Unix()
	if m := s % 60; m < 0 {
		return s - m - 60
	} else {
		return s - m
	}
}

// buildState folds calls (sorted, within the key's since and until, with
// the first copies of their responses) into a state and the report part.
func buildState(spec *ReportSpec, key reportKey, calls []*Entry, firsts []replytable.Pos, hits []LimitHit) (*reportState, Report) {
	rf := newReportFold(spec.Table, spec.Options)
	st := &reportState{key: key}
	i := st.foldPrefix(rf, calls, cutBefore(chooseCut(calls), &rf.blocks, calls))
	st.tail = make([]tailEntry, 0, len(calls)-i)
	for ; i < len(calls); i++ {
		st.tail = append(st.tail, tailEntry{*calls[i], firsts[i]})
		rf.add(calls[i])
	}
	var part Report
	rf.finish(&part, hits)
	return st, part
}

// report decodes the kept rows and folds the calls after the cut onto
// them; ok is false when the rows cannot be used (the zone's days moved).
// A tail grown past maxTail is folded into the rows up to a new cut, and
// moved says so.
func (st *reportState) report(spec *ReportSpec, hits []LimitHit) (part Report, moved, ok bool) {
	part, moved, ok = st.reportWithoutHits(spec)
	countHits(part.Blocks, hits)
	return part, moved, ok
}

// reportWithoutHits is report with no limit hit counted in its blocks yet.
func (st *reportState) reportWithoutHits(spec *ReportSpec) (part Report, moved, ok bool) {
	d := &binfmt.Decoder{Buf: st.prefix, Table: st.table}
	rf, ok := decodeFold(d, spec.Table, spec.Options)
	if !ok || d.Done() != nil {
		return Report{}, false, false
	}
	if len(st.tail) > maxTail {
		calls := make([]*Entry, len(st.tail))
		for i := range st.tail {
			calls[i] = &st.tail[i].e
		}
		from := st.foldPrefix(rf, calls, max(st.cut, cutBefore(chooseCut(calls), &rf.blocks, calls)))
		st.tail = append([]tailEntry(nil), st.tail[from:]...)
		st.changes++
		moved = true
	}
	for i := range st.tail {
		rf.add(&st.tail[i].e)
	}
	rf.finish(&part, nil)
	return part, moved, true
}

// foldPrefix folds the calls (sorted) before cut into rf and keeps the
// rows so far as the state's, cut there; it returns how many it folded.
func (st *reportState) foldPrefix(rf *reportFold, calls []*Entry, cut int64) int {
	i := 0
	for ; i < len(calls) && calls[i].Time.Unix() < cut; i++ {
		rf.add(calls[i])
	}
	rf.peaks.flush()
	e := binfmt.NewEncoder()
	encodeFold(e, rf)
	st.prefix, st.table, st.cut = e.Buf, e.Table, cut
	return i
}
