package usage

import (
	"errors"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// A report whose table comes through Await is the report a read given the
// table up front builds, with and without an index, cold and warm; Await
// is asked once a read (beside the walk when the index keeps the report).
func TestReportSpecAwaitGivesTheSameReport(t *testing.T) {
	table, opt := testTable(), ReportOptions{Top: 3}
	read := func(spec *ReportSpec, ix *Index) string {
		t.Helper()
		data, err := ReadPaths(OSFileSystem{}, []string{fixtureRoot}, Options{Workers: 2, Report: spec, Index: ix})
		if err != nil {
			t.Fatal(err)
		}
		if data.built == nil {
			t.Fatal("the report asked of the read was not built")
		}
		return reportJSONWith(t, data, table, opt)
	}
	want := read(&ReportSpec{Table: table, Options: opt}, nil)
	for _, withIndex := range []bool{false, true} {
		var ix *Index
		if withIndex {
			ix = NewIndex()
		}
		for run := 0; run < 2; run++ {
			asked := 0
			got := read(&ReportSpec{Options: opt, Await: func() (*tiers.Table, error) {
				asked++
				return table, nil
			}}, ix)
			if asked != 1 {
				t.Errorf("index %v, run %d: Await asked %d times, want 1", withIndex, run, asked)
			}
			if got != want {
				t.Errorf("index %v, run %d: the report differs:\n%s\nwant\n%s", withIndex, run, got, want)
			}
		}
	}
}

// A table that cannot be loaded ends the read with its error, whether or
// not an index holds the files.
func TestReportSpecAwaitErrorEndsTheRead(t *testing.T) {
	bad := errors.New("tier table tiers.yaml:3: no models")
	for _, ix := range []*Index{nil, NewIndex()} {
		spec := &ReportSpec{Await: func() (*tiers.Table, error) { return nil, bad }}
		data, err := ReadPaths(OSFileSystem{}, []string{fixtureRoot}, Options{Workers: 2, Report: spec, Index: ix})
		if !errors.Is(err, bad) || data != nil {
			t.Errorf("index %v: got %v, %v; want the table's error", ix != nil, data, err)
		}
	}
}

// Read, which returns no error, drops a report whose table fails to load:
// its data stays whole for BuildReport.
func TestReadDropsAReportWhoseTableFails(t *testing.T) {
	spec := &ReportSpec{Await: func() (*tiers.Table, error) { return nil, errors.New("broken") }}
	data := readFixture(t, Options{Workers: 2, Report: spec})
	if data.built != nil {
		t.Error("a report was built without a table")
	}
	want := readFixture(t, Options{Workers: 2})
	if got, w := reportJSONWith(t, data, testTable(), ReportOptions{Top: 3}), reportJSONWith(t, want, testTable(), ReportOptions{Top: 3}); got != w {
		t.Errorf("the data differs from a read without a report:\n%s\nwant\n%s", got, w)
	}
}
