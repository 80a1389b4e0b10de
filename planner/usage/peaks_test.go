package usage

import (
	"testing"
	"time"
)

func at(h, m, s int) time.Time { return time.Date(2025, 11, 4, h, m, s, 0, time.UTC) }

func TestPeaksAndTierReplay(t *testing.T) {
	sonnet := "claude-sonnet-4-5-20250929"
	e := func(tm time.Time, model string, in, write, read, out int64) Entry {
		return Entry{Time: tm, Model: model, Tokens: Tokens{Input: in, CacheWrite5m: write, CacheRead: read, Output: out}}
	}
	entries := []Entry{
		// 09:00: two sonnet calls. ITPM = (10+25,000) + (5+10,000) = 35,015
		// (cache reads do not count on sonnet); OTPM = 500 + 300 = 800.
		e(at(9, 0, 1), sonnet, 10, 25_000, 100_000, 500),
		e(at(9, 0, 59), sonnet, 5, 10_000, 125_000, 300),
		// 09:01: one sonnet call, OTPM 9,000 (over tier-1's 8,000).
		e(at(9, 1, 30), sonnet, 1, 100, 135_000, 9_000),
		// 09:01: a haiku 3.5 call, whose cache reads count: ITPM = 1 + 0 + 60,000.
		e(at(9, 1, 40), "claude-3-5-haiku-20241022", 1, 0, 60_000, 10),
		// an unknown model: no pool.
		e(at(9, 2, 0), "mystery", 1, 1, 1, 1),
	}
	rf := newReportFold(testTable(), ReportOptions{Location: time.UTC, Top: 2})
	for i := range entries {
		rf.add(&entries[i])
	}
	pk := rf.peaks.result()
	if pk.Minutes != 3 || pk.UnpooledRequests != 1 {
		t.Fatalf("minutes %d unpooled %d", pk.Minutes, pk.UnpooledRequests)
	}
	if len(pk.Top) != 2 || pk.Top[0].ITPM != 60_001 || pk.Top[0].Pool != "haiku-3-5" || pk.Top[1].ITPM != 35_015 || pk.Top[1].OTPM != 800 || pk.Top[1].Requests != 2 {
		t.Fatalf("top %+v", pk.Top)
	}
	if len(pk.Pools) != 2 || pk.Pools[1].Pool != "sonnet-4" || pk.Pools[1].MaxITPM != 35_015 || pk.Pools[1].MaxOTPM != 9_000 || pk.Pools[1].MaxRPM != 2 {
		t.Fatalf("pools %+v", pk.Pools)
	}
	// tier-1 (sonnet 50 RPM / 30,000 ITPM / 8,000 OTPM; no haiku-3-5 pool):
	// 09:00 over ITPM, 09:01 sonnet over OTPM, 09:01 haiku-3-5 not offered.
	t1 := pk.Tiers[0]
	if t1.Tier != "tier-1" || t1.Minutes != 3 || t1.Throttled != 2 || t1.OverITPM != 1 || t1.OverOTPM != 1 || t1.OverRPM != 0 || t1.NotOffered != 1 {
		t.Fatalf("tier-1 %+v", t1)
	}
	// Peak utilisation: 35,015 / 30,000 = 1.167 ITPM vs 9,000 / 8,000 = 1.125 OTPM.
	if t1.PeakLimit != "itpm" || t1.PeakUtilisation < 1.167 || t1.PeakUtilisation > 1.168 {
		t.Fatalf("tier-1 peak %v %v", t1.PeakLimit, t1.PeakUtilisation)
	}
	st := pk.Tiers[1]
	if st.Tier != "start" || st.Throttled != 0 || len(pk.Tiers) != 2 {
		t.Fatalf("start %+v (negotiated tiers are not replayed: %d tiers)", st, len(pk.Tiers))
	}
}
