package planner

import (
	"slices"
	"testing"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/tiers"
)

// The tiny day's trace: two sessions at 0 and 18,000 ms, each sending its
// four calls 2,000 ms apart, none of them after its cache expired.
func TestTinyDayTrace(t *testing.T) {
	tr, _ := tinyPool(t, tinyDay())
	if len(tr.starts) != 2 || tr.starts[0].At != 0 || tr.starts[1].At != 18_000 {
		t.Fatalf("starts %+v, want 0 and 18,000 ms", tr.starts)
	}
	var at []int64
	var calls, sessions []int32
	for _, e := range tr.events {
		at, calls, sessions = append(at, e.at), append(calls, e.call), append(sessions, e.session)
		if e.expired {
			t.Errorf("event %+v expired: no call waits more than 0 ms", e)
		}
	}
	if want := []int64{0, 2_000, 4_000, 6_000, 18_000, 20_000, 22_000, 24_000}; !slices.Equal(at, want) {
		t.Errorf("calls at %v, want %v", at, want)
	}
	if want := []int32{0, 1, 2, 3, 0, 1, 2, 3}; !slices.Equal(calls, want) {
		t.Errorf("template calls %v, want %v", calls, want)
	}
	if want := []int32{0, 0, 0, 0, 1, 1, 1, 1}; !slices.Equal(sessions, want) {
		t.Errorf("sessions %v, want %v", sessions, want)
	}
}

// What a call draws from each bucket, in tokens (ported from the deleted
// TestComputeDemandCacheAwareITPM and TestComputeDemandUncachedChargesWholeContext).
func TestCallChargesEachBucket(t *testing.T) {
	itpm := func(cs []limiter.Charge) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ITPM/limiter.UnitsPerToken)
		}
		return out
	}
	cases := []struct {
		name          string
		model         func(*tiers.Model)
		w             func(*Workload)
		warm, expired []int64 // ITPM of the four calls
		otpm          int64   // of every call
	}{
		// Cache reads are free: the first call writes 1,500, each later one
		// the 500 it adds. Expired, a call writes its whole context again.
		{"cached", nil, nil, []int64{1_500, 500, 500, 500}, []int64{1_500, 2_000, 2_500, 3_000}, 100},
		// A model whose reads count (older † models) is charged the whole
		// context either way: write + read = 1,500, 2,000, 2,500, 3,000.
		{"reads count", func(m *tiers.Model) { m.ITPMCountsCacheReads = true }, nil,
			[]int64{1_500, 2_000, 2_500, 3_000}, []int64{1_500, 2_000, 2_500, 3_000}, 100},
		// Without the cache every call sends its whole context uncached.
		{"cache off", nil, func(w *Workload) { w.NoCache = true },
			[]int64{1_500, 2_000, 2_500, 3_000}, []int64{1_500, 2_000, 2_500, 3_000}, 100},
		// Reserving max_tokens draws max(100, 1,000) = 1,000 from OTPM.
		{"reserve max_tokens", func(m *tiers.Model) { m.OTPMAccounting = tiers.OTPMReserveMaxTokens },
			func(w *Workload) { w.MaxTokens = 1_000 }, []int64{1_500, 500, 500, 500}, []int64{1_500, 2_000, 2_500, 3_000}, 1_000},
	}
	for _, c := range cases {
		tab := smallTable()
		if c.model != nil {
			c.model(&tab.Models[0])
		}
		w := tinyDay()
		if c.w != nil {
			c.w(&w)
		}
		r := mustResolve(t, w, tab)
		pt := poolTraces(buildTrace(r), r)[0]
		pc := pt.charges[0]
		if got := itpm(pc.warm); !slices.Equal(got, c.warm) {
			t.Errorf("%s: warm ITPM %v, want %v", c.name, got, c.warm)
		}
		if got := itpm(pc.expired); !slices.Equal(got, c.expired) {
			t.Errorf("%s: expired ITPM %v, want %v", c.name, got, c.expired)
		}
		for i, ch := range pc.warm {
			if ch.RPM != limiter.UnitsPerToken || ch.OTPM != c.otpm*limiter.UnitsPerToken || ch.TPM != ch.ITPM+ch.OTPM {
				t.Errorf("%s: call %d charge %+v, want 1 request, %d output, TPM = ITPM + OTPM", c.name, i+1, ch, c.otpm)
			}
		}
		if !slices.Equal(pc.work, []int{1, 2, 3, 4}) {
			t.Errorf("%s: work numbers %v", c.name, pc.work)
		}
	}
}

// The busiest 60 seconds of the tiny day hold all eight calls (the last
// starts at 24 s): 8 requests, 2 × (1,500 + 3 × 500) = 6,000 input tokens,
// 800 output, 6,800 in all; the largest call is the first, 1,500 + 100.
// Ten times longer a day puts the second session at 180 s: the busiest
// minute is one session's 4 requests, 3,000 input, 400 output.
func TestPeakMinuteAndConcurrency(t *testing.T) {
	tr, pt := tinyPool(t, tinyDay())
	peak, largest := pt.peakMinute(-1)
	if want := (Charge{Requests: 8, ITPM: 6_000, OTPM: 800, TPM: 6_800}); peak != want {
		t.Errorf("peak minute %+v, want %+v", peak, want)
	}
	if want := (Charge{Requests: 1, ITPM: 1_500, OTPM: 100, TPM: 1_600}); largest != want {
		t.Errorf("largest call %+v, want %+v", largest, want)
	}
	// Session 1 runs 0–8,000 ms, session 2 18,000–26,000: one at a time.
	if got := tr.concurrency(-1); got != 1 {
		t.Errorf("concurrency %d, want 1", got)
	}

	w := tinyDay()
	w.HoursPerDay = 0.1
	_, pt = tinyPool(t, w)
	if peak, _ := pt.peakMinute(0); peak != (Charge{Requests: 4, ITPM: 3_000, OTPM: 400, TPM: 3_400}) {
		t.Errorf("sessions 180 s apart: peak minute %+v, want one session's", peak)
	}

	// Two developers at a stand-up start together: two sessions at once,
	// and the busiest minute doubles to 16 requests.
	w = tinyDay()
	w.SessionsPerDay, w.Devs, w.Overlap = 1, 2, 1
	tr, pt = tinyPool(t, w)
	if got := tr.concurrency(-1); got != 2 {
		t.Errorf("stand-up: concurrency %d, want 2", got)
	}
	if peak, _ := pt.peakMinute(-1); peak.Requests != 8 || peak.ITPM != 6_000 {
		t.Errorf("stand-up: peak minute %+v, want 8 requests and 6,000 input tokens", peak)
	}
}

// Assign gives every session of a single-model day without batch the one
// part and its whole length; a length with a share of an extra call gives
// that call to a share of sessions.
func TestAssignLengthAndBatch(t *testing.T) {
	w := tinyDay()
	r := mustResolve(t, w, smallTable())
	for _, s := range r.Team.Starts(0) {
		if a := r.Assign(0, s); a != (SessionAssignment{Part: 0, Batch: false, Calls: 4}) {
			t.Errorf("session %+v assigned %+v, want part 0, 4 calls", s, a)
		}
	}
	// 11,000 tokens is four calls (9,400) and 1,600/3,600 of a fifth
	// (3,500 context + 100 output): about 44% of sessions make five calls.
	w.TokensPerSession, w.SessionsPerDay, w.HoursPerDay = 11_000, 200, 8
	r = mustResolve(t, w, smallTable())
	if l := r.Parts[0].Spec.Length; l.Calls != 4 || !near(l.Extra, 1_600.0/3_600, 1e-12) {
		t.Fatalf("length %+v, want 4 calls and 4/9 of a fifth", l)
	}
	five, batch := 0, 0
	w.BatchShare = 0.25
	rb := mustResolve(t, w, smallTable())
	for _, s := range r.Team.Starts(0) {
		if r.Assign(0, s).Calls == 5 {
			five++
		}
		if rb.Assign(0, s).Batch {
			batch++
		}
	}
	// 200 sessions: 4/9 of them ≈ 89 make a fifth call, a quarter ≈ 50 go
	// through the Batch API; each drawn from its own mark, so allow ±25.
	if five < 64 || five > 114 || batch < 25 || batch > 75 {
		t.Errorf("%d of 200 sessions make a fifth call (want ≈89), %d batch (want ≈50)", five, batch)
	}
}
