package pacing

import (
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

func TestWindowsAt(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zoneinfo:", err)
	}
	// Wednesday 2026-12-02 23:30 UTC is Thursday 00:30 in Berlin.
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	w := WindowsAt(now, berlin)
	check := func(name string, got time.Time, want string) {
		if got.Format("2006-01-02 15:04 MST") != want {
			t.Errorf("%s = %s, want %s", name, got.Format("2006-01-02 15:04 MST"), want)
		}
	}
	check("day", w.DayStart, "2026-12-03 00:00 CET")
	check("day end", w.DayEnd, "2026-12-04 00:00 CET")
	check("week", w.WeekStart, "2026-11-30 00:00 CET") // Monday
	check("week end", w.WeekEnd, "2026-12-07 00:00 CET")
	check("month", w.MonthStart, "2026-12-01 00:00 CET")
	check("month end", w.MonthEnd, "2027-01-01 00:00 CET")
	// A Sunday belongs to the week that started six days before.
	sun := WindowsAt(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC), time.UTC)
	check("sunday's week", sun.WeekStart, "2026-11-30 00:00 UTC")
}

func TestBudgetCheck(t *testing.T) {
	now := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC) // a Wednesday
	w := WindowsAt(now, time.UTC)
	b := Budget{Day: tiers.Dollars(20), Week: tiers.Dollars(50)}
	if v := b.Check(Spent{Day: tiers.Dollars(19.99), Week: tiers.Dollars(49)}, w, now); v.Over {
		t.Fatalf("under both: %+v", v)
	}
	v := b.Check(Spent{Day: tiers.Dollars(20), Week: tiers.Dollars(30)}, w, now)
	if !v.Over || v.Window != "day" || v.RetryAfter != 6*time.Hour {
		t.Fatalf("day reached: %+v, want day, retry after 6 h", v)
	}
	// Both reached: the week resets last (Monday 00:00, 4 days 6 hours away).
	v = b.Check(Spent{Day: tiers.Dollars(25), Week: tiers.Dollars(50)}, w, now)
	if !v.Over || v.Window != "week" || v.RetryAfter != (4*24+6)*time.Hour {
		t.Fatalf("both reached: %+v, want week, 102 h", v)
	}
	if v := (Budget{}).Check(Spent{Day: tiers.Dollars(1e6)}, w, now); v.Over || !(Budget{}).None() {
		t.Fatal("a zero budget limits nothing")
	}
}
