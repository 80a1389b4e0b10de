package usage

import (
	"testing"
	"time"
)

func TestPeriods(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// Sunday 2026-12-06 23:30 UTC is Monday 00:30 in Berlin.
	at := time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		p     Period
		start string
		label string
	}{
		{"week from Monday, UTC", Week(time.UTC, time.Monday), "2026-11-30 00:00 +0000", "2026-11-30"},
		{"week from Sunday, UTC", Week(time.UTC, time.Sunday), "2026-12-06 00:00 +0000", "2026-12-06"},
		{"week from Monday, Berlin", Week(berlin, time.Monday), "2026-12-07 00:00 +0100", "2026-12-07"},
		{"month, UTC", Month(time.UTC), "2026-12-01 00:00 +0000", "2026-12"},
		// Weekly resets on Thursdays at 09:00 UTC (Dec 3): the Sunday
		// falls in the week that started then.
		{"anchored after", Anchored(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), 7*24*time.Hour, time.UTC), "2026-12-03 09:00 +0000", "2026-12-03 09:00"},
		{"anchored before", Anchored(time.Date(2026, 12, 17, 9, 0, 0, 0, time.UTC), 7*24*time.Hour, time.UTC), "2026-12-03 09:00 +0000", "2026-12-03 09:00"},
	} {
		s, e, name := c.p(at)
		if got := s.Format("2006-01-02 15:04 -0700"); got != c.start || name != c.label || !at.Before(e) || at.Before(s) {
			t.Errorf("%s: %s – %v %q, want start %s named %q", c.name, got, e, name, c.start, c.label)
		}
	}
}

func TestSumByPeriodAndSumOf(t *testing.T) {
	table := testTable()
	day := func(d int) Entry {
		return Entry{Time: time.Date(2026, 12, d, 10, 0, 0, 0, time.UTC), Model: "claude-sonnet-4-5-20250929", Tokens: Tokens{Output: 1_000_000}}
	}
	entries := []Entry{day(1), day(2), day(7), day(8), day(14)}
	rows := SumByPeriod(entries, table, Week(time.UTC, time.Monday))
	// Weeks from Monday Nov 30, Dec 7 and Dec 14: 2, 2 and 1 calls.
	if len(rows) != 3 || rows[0].Period != "2026-11-30" || rows[0].Requests != 2 || rows[1].Requests != 2 || rows[2].Requests != 1 {
		t.Fatalf("weeks = %+v", rows)
	}
	all := SumOf(entries, table)
	var sum int64
	for _, r := range rows {
		sum += int64(r.CostUSD)
	}
	if all.Requests != 5 || int64(all.CostUSD) != sum || all.CostUSD == 0 {
		t.Fatalf("SumOf = %+v, weeks add up to %d", all, sum)
	}
}
