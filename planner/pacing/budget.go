package pacing

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Budget is what one developer may spend, at list prices, per calendar day,
// week (from Monday) and month, in the proxy's time zone. A zero amount is
// no limit.
type Budget struct {
	Day, Week, Month tiers.Money
}

// None reports whether the budget limits nothing.
func (b Budget) None() bool { return b.Day <= 0 && b.Week <= 0 && b.Month <= 0 }

// Windows are the calendar periods budgets count in, at one instant.
type Windows struct {
	DayStart, WeekStart, MonthStart time.Time
	DayEnd, WeekEnd, MonthEnd       time.Time
}

// WindowsAt is the day, the week (Monday to Sunday) and the month that now
// falls in, in loc.
func WindowsAt(now time.Time, loc *time.Location) Windows {
	if loc == nil {
		loc = time.UTC
	}
	t := now.In(loc)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	week := day.AddDate(0, 0, -back)
	month := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return Windows{
		DayStart: day, WeekStart: week, MonthStart: month,
		DayEnd: day.AddDate(0, 0, 1), WeekEnd: week.AddDate(0, 0, 7), MonthEnd: month.AddDate(0, 1, 0),
	}
}

// Spent is what a developer spent in each window.
type Spent struct {
	Day, Week, Month tiers.Money
}

// Verdict is a budget check's answer.
type Verdict struct {
	Over   bool
	Window string // "day", "week" or "month": the exhausted window that resets last
	Budget tiers.Money
	Spent  tiers.Money
	// RetryAfter is how long until that window resets.
	RetryAfter time.Duration
}

// Check tells whether spent has reached the budget in any window. When
// several are exhausted it names the one that resets last, since a retry
// before then would be refused again.
func (b Budget) Check(s Spent, w Windows, now time.Time) Verdict {
	var v Verdict
	for _, c := range []struct {
		name          string
		budget, spent tiers.Money
		end           time.Time
	}{{"day", b.Day, s.Day, w.DayEnd}, {"week", b.Week, s.Week, w.WeekEnd}, {"month", b.Month, s.Month, w.MonthEnd}} {
		if c.budget > 0 && c.spent >= c.budget {
			v = Verdict{Over: true, Window: c.name, Budget: c.budget, Spent: c.spent, RetryAfter: c.end.Sub(now)}
		}
	}
	return v
}
