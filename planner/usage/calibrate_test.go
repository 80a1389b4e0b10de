package usage

import (
	"math"
	"testing"
	"time"
)

func TestCalibrate(t *testing.T) {
	son, opus, haiku := "claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"
	day3 := func(h, m, s int) time.Time { return time.Date(2025, 11, 3, h, m, s, 0, time.UTC) }
	e := func(sid string, tm time.Time, model string, sub bool, tk Tokens) Entry {
		return Entry{SessionID: sid, Time: tm, Model: model, Subagent: sub, Sidechain: sub, Tokens: tk}
	}
	entries := []Entry{
		// Session A (sonnet): 3 calls in minutes 09:00 and 09:02; first context 10 + 20,000 = 20,010.
		e("A", day3(9, 0, 10), son, false, Tokens{Input: 10, CacheWrite5m: 20000, Output: 500}),                 // 20,510
		e("A", day3(9, 0, 40), son, false, Tokens{Input: 2, CacheWrite5m: 1000, CacheRead: 20510, Output: 300}), // 21,812
		e("A", day3(9, 2, 0), son, false, Tokens{Input: 2, CacheWrite1h: 3000, CacheRead: 21812, Output: 200}),  // 25,014
		// Session B: a subagent (haiku) call first, then the main opus call; one minute.
		e("B", day3(14, 0, 0), haiku, true, Tokens{Input: 1, CacheWrite5m: 5000, Output: 100}),    // 5,101
		e("B", day3(14, 0, 30), opus, false, Tokens{Input: 5, CacheWrite5m: 30000, Output: 1000}), // 31,005
		// Session C (sonnet), two days later: one call.
		e("C", time.Date(2025, 11, 5, 10, 0, 0, 0, time.UTC), son, false, Tokens{Input: 1, CacheWrite5m: 10000, Output: 100}), // 10,101
	}
	c, err := Calibrate(&Data{Entries: entries}, testTable(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-4 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	// Sessions: A 67,336 tokens / 3 calls / 2 active minutes; B 36,106 / 2 / 1; C 10,101 / 1 / 1.
	if c.Sessions != 3 || c.ActiveDays != 2 || c.SpanDays != 3 {
		t.Errorf("sessions %d days %d span %d, want 3 2 3", c.Sessions, c.ActiveDays, c.SpanDays)
	}
	near("sessions per active day", c.SessionsPerActiveDay, 1.5) // 3 / 2
	// Nearest rank: p50 of 3 values is the 2nd (ceil(1.5)), p90 the 3rd (ceil(2.7)).
	if c.TokensP50 != 36106 || c.TokensP90 != 67336 || c.CallsP50 != 2 || c.CallsP90 != 3 {
		t.Errorf("tokens %d/%d calls %d/%d", c.TokensP50, c.TokensP90, c.CallsP50, c.CallsP90)
	}
	near("pace", c.PaceP50, 1.5) // paces 1 (C), 1.5 (A: 3 calls / 2 min), 2 (B)
	// Prefixes: A 20,010, B 30,005 (its first main-thread call, not the subagent's), C 10,001.
	if c.PrefixP50 != 20010 {
		t.Errorf("prefix %d, want 20010", c.PrefixP50)
	}
	// Day spans: Nov 3 09:00:10–14:00:30 = 5.0056 h, Nov 5 one call → 1 h; the lower median is 1.
	near("hours per active day", c.HoursPerActiveDay, 1)
	if c.ActiveDaysPerMonth != 0 {
		t.Errorf("a 3-day history extrapolated to a month: %v", c.ActiveDaysPerMonth)
	}
	// All: 113,543 tokens; output 2,200; cache reads 42,322; writes 66,000 (5m) + 3,000 (1h).
	near("output share", c.OutputShare, 2200.0/113543)
	near("cache read share", c.CacheReadShare, 42322.0/113543)
	near("1h write share", c.CacheWrite1hShare, 3000.0/69000)
	if len(c.ModelMix) != 2 || c.ModelMix[0].Model != "sonnet" || c.ModelMix[1].Model != "opus" {
		t.Fatalf("mix %+v", c.ModelMix)
	}
	near("sonnet share", c.ModelMix[0].Share, 2.0/3)
	w := c.Typical
	if w.TokensPerSession != 36106 || w.CallsPerSession != 2 || w.PrefixTokens != 20010 || w.Devs != 1 ||
		w.CacheTTL != 5*time.Minute || w.NoCache || w.Model != "sonnet" || len(w.Mix) != 2 || w.DaysPerMonth != 0 {
		t.Errorf("typical workload %+v", w)
	}
	if c.Heavy.TokensPerSession != 67336 || c.Heavy.CallsPerSession != 3 {
		t.Errorf("heavy workload %+v", c.Heavy)
	}
	if err := w.WithDefaults(200_000).Validate(); err != nil {
		t.Errorf("derived workload does not validate: %v", err)
	}
	if _, err := Calibrate(&Data{}, testTable(), nil); err == nil {
		t.Error("no entries: no error")
	}
}

func TestPercentileNearestRank(t *testing.T) {
	v := []int64{50, 10, 40, 20, 30}
	// sorted 10 20 30 40 50: p50 = ceil(2.5) = 3rd = 30; p90 = ceil(4.5) = 5th = 50; p20 = ceil(1) = 1st.
	if percentile(v, 0.5) != 30 || percentile(v, 0.9) != 50 || percentile(v, 0.2) != 10 || percentile(v, 0) != 10 {
		t.Errorf("p50 %d p90 %d p20 %d", percentile(v, 0.5), percentile(v, 0.9), percentile(v, 0.2))
	}
}
