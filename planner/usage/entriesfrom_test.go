package usage

import (
	"reflect"
	"testing"
	"time"
)

// EntriesFrom is the tail of Entries from t on, for any t (before every
// call, at one, between two, after all), and on data read without an
// index it copies that tail alone, never every call.
func TestEntriesFromIsTheTailOfEntries(t *testing.T) {
	all := readFixture(t, Options{Workers: 2}).Entries()
	if len(all) < 3 {
		t.Fatalf("%d calls in the fixture", len(all))
	}
	times := []time.Time{all[0].Time.Add(-time.Hour), all[1].Time, all[1].Time.Add(time.Nanosecond), all[len(all)-1].Time, all[len(all)-1].Time.Add(time.Second)}
	for _, at := range times {
		var want []Entry
		for _, e := range all {
			if !e.Time.Before(at) {
				want = append(want, e)
			}
		}
		data := readFixture(t, Options{Workers: 2})
		got := data.EntriesFrom(at)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("from %v: %d calls, want %d", at, len(got), len(want))
		}
		if data.copied {
			t.Errorf("from %v: every call was copied", at)
		}
		if got := DataOf(all, nil).EntriesFrom(at); len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("DataOf, from %v: %d calls, want %d", at, len(got), len(want))
		}
	}
}
