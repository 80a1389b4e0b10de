package usage

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner"
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
	c, err := Calibrate(DataOf(entries, nil), testTable(), time.UTC)
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
	// Growth between main-thread calls: A 20,010 → 21,512 → 24,814, deltas
	// 1,502 and 3,302; B and C have one main call each: 4,804 / 2 = 2,402.
	// Output of the 5 main-thread calls: 500 + 300 + 200 + 1,000 + 100 =
	// 2,100, 420 a call.
	if c.GrowthPerCall != 2_402 || c.OutputPerCall != 420 {
		t.Errorf("growth %v, output %d a call, want 2,402 and 420", c.GrowthPerCall, c.OutputPerCall)
	}
	w := c.Typical
	if w.TokensPerSession != 36106 || w.CallsPerSession != 0 || w.PrefixTokens != 20_010 || w.GrowthPerCall != 2_402 ||
		w.OutputPerCall != 420 || w.Devs != 1 || w.CacheTTL != 5*time.Minute || w.NoCache || w.Model != "sonnet" ||
		len(w.Mix) != 2 || w.DaysPerMonth != 0 {
		t.Errorf("typical workload %+v", w)
	}
	if c.Heavy.TokensPerSession != 67336 || c.Heavy.CallsPerSession != 0 {
		t.Errorf("heavy workload %+v", c.Heavy)
	}
	for _, d := range []planner.Workload{c.Typical, c.Heavy} {
		if _, err := planner.Resolve(d, testTable()); err != nil {
			t.Errorf("derived workload %s does not resolve: %v", d.Name, err)
		}
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

// A stray timestamp decades away stretches the span until the active days
// per month round below one, which the planner refuses: the default stands.
func TestCalibrateOutlierSpanKeepsDefaultDays(t *testing.T) {
	son := "claude-sonnet-4-5-20250929"
	at := func(y int, m time.Month, d int) Entry {
		return Entry{SessionID: fmt.Sprint(y, m, d), Time: time.Date(y, m, d, 9, 0, 0, 0, time.UTC), Model: son,
			Tokens: Tokens{Input: 100, Output: 10}}
	}
	outliers := []Entry{at(1970, 1, 1), at(2025, 11, 3), at(9999, 12, 31)}
	c, err := Calibrate(DataOf(outliers, nil), testTable(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	// 3 active days over 2,932,897 days (1970-01-01 to 9999-12-31:
	// 253,402,214,400 s / 86,400 + 1): 3 / 2,932,897 × 30.4375 ≈ 0.00003.
	if c.ActiveDays != 3 || c.SpanDays != 2_932_897 || c.ActiveDaysPerMonth != 0 || c.Typical.DaysPerMonth != 0 {
		t.Fatalf("active days %d span %d per month %v, workload %v", c.ActiveDays, c.SpanDays, c.ActiveDaysPerMonth, c.Typical.DaysPerMonth)
	}
	if _, err := planner.Resolve(c.Typical, testTable()); err != nil {
		t.Errorf("derived workload does not resolve: %v", err)
	}
	// Two active days (Nov 1, Nov 30) in a 30-day span stay derived.
	month := []Entry{at(2025, 11, 1), at(2025, 11, 1), at(2025, 11, 30)}
	month[1].Time = month[1].Time.Add(time.Hour)
	c, err = Calibrate(DataOf(month, nil), testTable(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if c.SpanDays != 30 || c.ActiveDays != 2 {
		t.Fatalf("span %d active %d", c.SpanDays, c.ActiveDays)
	}
	// 2 / 30 × 365.25 / 12 = 2.029
	if math.Abs(c.ActiveDaysPerMonth-2.0291666) > 1e-4 {
		t.Errorf("per month %v, want 2.029", c.ActiveDaysPerMonth)
	}
	// At the edge: 2 active days over 64 days is 2 / 64 × 30.4375 = 0.951,
	// shown and planned as 1.0; over 70 days, 0.870 rounds to 0.9: default.
	for span, kept := range map[int]bool{64: true, 70: false} {
		last := at(2025, 1, 1)
		last.Time, last.SessionID = last.Time.AddDate(0, 0, span-1), "later"
		c, err := Calibrate(DataOf([]Entry{at(2025, 1, 1), last}, nil), testTable(), time.UTC)
		if err != nil || c.SpanDays != span || (c.ActiveDaysPerMonth > 0) != kept {
			t.Errorf("span %d: per month %v (span %d), kept should be %v; err %v", span, c.ActiveDaysPerMonth, c.SpanDays, kept, err)
		}
		if kept && c.Typical.DaysPerMonth != 1 {
			t.Errorf("span %d: planned with %v days a month, want 1", span, c.Typical.DaysPerMonth)
		}
	}
}

// A derived workload is consistent by construction: a token total below
// the typical first call is raised to one call, and said so.
func TestCalibratedWorkloadIsAtLeastOneCall(t *testing.T) {
	c := Calibration{PrefixP50: 20_000, GrowthPerCall: 1_000, OutputPerCall: 500, SessionsPerActiveDay: 2}
	w := c.workload("small", 5_000, Tokens{CacheRead: 1})
	// the first call: its 20,000 context plus 500 output
	if w.TokensPerSession != 20_500 || w.PrefixTokens != 20_000 || len(c.Notes) != 1 {
		t.Fatalf("workload %+v, notes %q", w, c.Notes)
	}
	if _, err := planner.Resolve(w, testTable()); err != nil {
		t.Fatalf("does not resolve: %v", err)
	}
}
