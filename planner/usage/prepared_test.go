package usage

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// keptFixture reads the fixture twice through ix with spec, so ix keeps
// the report for spec, and returns the second read's data.
func keptFixture(t *testing.T, ix *Index, spec *ReportSpec) *Data {
	t.Helper()
	var data *Data
	for range 2 {
		var err error
		if data, err = ReadPaths(OSFileSystem{}, []string{fixtureRoot}, Options{Workers: 2, Report: spec, Index: ix}); err != nil {
			t.Fatal(err)
		}
	}
	if len(ix.reports) == 0 {
		t.Fatal("the index keeps no report after two reads")
	}
	return data
}

func reportText(t *testing.T, r Report, moved, ok bool) string {
	t.Helper()
	b, err := json.Marshal(struct {
		R         Report
		Moved, OK bool
	}{r, moved, ok})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The report folded beside the walk, with the limit hits counted after
// it, is the kept state's report; it is used once.
func TestPreparedReportIsTheKeptReport(t *testing.T) {
	ix, spec := NewIndex(), &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	data := keptFixture(t, ix, spec)
	if len(data.LimitHits) == 0 {
		t.Fatal("the fixture records no limit hit: the test would not see them counted")
	}
	p := prepareReport(ix, spec, time.Time{}, time.Time{})
	ready, err := p.wait()
	if err != nil || p.st == nil {
		t.Fatalf("nothing prepared: %v", err)
	}
	st := p.st
	r, moved, ok := st.report(ready, data.LimitHits)
	want := reportText(t, r, moved, ok)
	r, moved, ok = p.report(st, ready, data.LimitHits)
	if got := reportText(t, r, moved, ok); got != want {
		t.Fatalf("prepared report differs:\n%s\nwant\n%s", firstDiff(got, want), want)
	}
	if p.st != nil {
		t.Error("the prepared report is still offered after its use")
	}
	r, moved, ok = p.report(st, ready, data.LimitHits)
	if got := reportText(t, r, moved, ok); got != want {
		t.Errorf("the report asked again differs:\n%s", firstDiff(got, want))
	}
}

// A state changed after the fold (calls taken into its tail) is reported
// anew, not from the fold.
func TestPreparedReportIsNotUsedOnceTheStateChanged(t *testing.T) {
	ix, spec := NewIndex(), &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	data := keptFixture(t, ix, spec)
	p := prepareReport(ix, spec, time.Time{}, time.Time{})
	ready, _ := p.wait()
	st := p.st
	if st == nil {
		t.Fatal("nothing prepared")
	}
	st.apply(nil, nil, func(uint32) int { return 0 })
	p.report(st, ready, data.LimitHits)
	if p.st == nil {
		t.Error("the fold of the state before it changed was used")
	}
}

// No fold is prepared for a key the index keeps no report for, nor for a
// read without a spec or an index.
func TestPreparedReportNeedsAKeptReport(t *testing.T) {
	ix, spec := NewIndex(), &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	keptFixture(t, ix, spec)
	other := &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 4}}
	p := prepareReport(ix, other, time.Time{}, time.Time{})
	if _, err := p.wait(); err != nil || p.st != nil {
		t.Errorf("prepared %v, %v for a report the index does not keep", p.st, err)
	}
	if prepareReport(nil, spec, time.Time{}, time.Time{}) != nil || prepareReport(ix, nil, time.Time{}, time.Time{}) != nil {
		t.Error("a fold was prepared without an index or a spec")
	}
	if p := prepareReport(NewIndex(), spec, time.Time{}, time.Time{}); p != nil {
		t.Error("a fold was prepared from an index that keeps no report")
	}
}

// The key is the one computed beside the walk only for that very spec
// and window.
func TestPreparedKeyIsForItsSpecAndWindow(t *testing.T) {
	ix, spec := NewIndex(), &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	keptFixture(t, ix, spec)
	p := prepareReport(ix, spec, time.Time{}, time.Time{})
	ready, _ := p.wait()
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := p.keyOf(ready, since, time.Time{}), keyOf(ready, since, time.Time{}); got != want {
		t.Errorf("key for another window %+v, want %+v", got, want)
	}
	other := &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 4}}
	if got, want := p.keyOf(other, time.Time{}, time.Time{}), keyOf(other, time.Time{}, time.Time{}); got != want {
		t.Errorf("key for another spec %+v, want %+v", got, want)
	}
	if got, want := p.keyOf(ready, time.Time{}, time.Time{}), keyOf(ready, time.Time{}, time.Time{}); got != want {
		t.Errorf("key %+v, want %+v", got, want)
	}
}

// A table that cannot be loaded ends a read whose index keeps the report
// (the table then waited for beside the walk) with the table's error, as
// it ends any other read; Await is asked once.
func TestPreparedReportKeepsTheTablesError(t *testing.T) {
	ix, spec := NewIndex(), &ReportSpec{Table: testTable(), Options: ReportOptions{Top: 3}}
	keptFixture(t, ix, spec)
	bad := errors.New("tier table tiers.yaml:3: no models")
	asked := 0
	failing := &ReportSpec{Options: spec.Options, Await: func() (*tiers.Table, error) { asked++; return nil, bad }}
	data, err := ReadPaths(OSFileSystem{}, []string{fixtureRoot}, Options{Workers: 2, Report: failing, Index: ix})
	if !errors.Is(err, bad) || data != nil || asked != 1 {
		t.Fatalf("got %v, %v after %d asks; want the table's error, asked once", data, err, asked)
	}
	// The index is as it was: the next read with the table is the kept report.
	if _, err := ReadPaths(OSFileSystem{}, []string{fixtureRoot}, Options{Workers: 2, Report: spec, Index: ix}); err != nil {
		t.Fatal(err)
	}
}
