package simulate

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// A day starting at 23:30 crosses midnight: its hours are listed from
// 23:00, the order they happen in, not by clock.
func TestHoursOrderedFromDayStart(t *testing.T) {
	cfg := baseConfig(tiers.Limits{RPM: 1_000}, repeatCalls(4*60, Call{Input: 1}))
	// One session of 240 calls a minute apart (think 60 s, no latency)
	// from 23:30: calls at 23:30 … 03:29, so hours 23, 0, 1, 2, 3.
	cfg.DayStart, cfg.Think, cfg.Arrival = 23*time.Hour+30*time.Minute, time.Minute, Standup
	cfg.WorkHours = 4 * time.Hour
	r := mustRun(t, cfg)
	var got []int
	for _, h := range r.Hours {
		got = append(got, h.Hour)
	}
	want := []int{23, 0, 1, 2, 3}
	if len(got) != len(want) {
		t.Fatalf("hours %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("hours %v, want %v", got, want)
		}
	}
}
