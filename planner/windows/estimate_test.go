package windows

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

func TestRatioFigureByHand(t *testing.T) {
	// r = 13/6; residuals -1/6, -1/3, 1/2; s² = 0.38889/2; SE = s·√3/6 =
	// 0.127294; t(2) = 4.303, so the half-width is 0.547746.
	f := RatioFigure([]float64{1, 2, 3}, []float64{2, 4, 7})
	for _, c := range []struct{ got, want float64 }{{f.Value, 2.166667}, {f.Low, 1.618921}, {f.High, 2.714413}} {
		if math.Abs(c.got-c.want) > 1e-5 {
			t.Errorf("RatioFigure = %+v, want 2.166667 [1.618921, 2.714413]", f)
		}
	}
	if f := RatioFigure([]float64{2, 4}, []float64{4, 8}); f != (Figure{2, 2, 2}) {
		t.Errorf("a perfect fit has no band: %+v", f)
	}
	if f := RatioFigure([]float64{5}, []float64{10}); f != (Figure{2, 2, 2}) {
		t.Errorf("one observation: %+v, want the value as its own band", f)
	}
	if f := RatioFigure(nil, nil); f != (Figure{}) {
		t.Errorf("no observation: %+v", f)
	}
	if f := RatioFigure([]float64{1, 1, 1}, []float64{0, 0, 9}); f.Low != 0 {
		t.Errorf("the low end went below zero: %+v", f)
	}
}

func TestIntervals(t *testing.T) {
	reset := t0.Add(5 * time.Hour) // the run started at t0
	rs := []Reading{
		reading(t, t0.Add(time.Hour), FiveHour, 2, reset),
		reading(t, t0.Add(2*time.Hour), FiveHour, 4, reset),
		reading(t, t0.Add(150*time.Minute), FiveHour, 3, reset), // a late copy
		reading(t, t0.Add(3*time.Hour), FiveHour, 8, reset),
		reading(t, t0.Add(4*time.Hour), FiveHour, 9, reset),                 // under MinPoints from 8
		reading(t, t0.Add(5*time.Hour), FiveHour, 99, reset),                // taken as the run reset
		reading(t, t0.Add(6*time.Hour), FiveHour, 40, t0.Add(10*time.Hour)), // a new run, caught late
		reading(t, t0.Add(7*time.Hour), FiveHour, 45, t0.Add(10*time.Hour)),
		reading(t, t0.Add(7*time.Hour), "overage", 45, t0.Add(10*time.Hour)), // no known length
		reading(t, t0.Add(7*time.Hour), SevenDay, 45, time.Time{}),           // no reset time
	}
	got := Intervals(rs, MinPoints)
	want := []Interval{
		{Window: FiveHour, From: t0, To: t0.Add(2 * time.Hour), UsedFrom: 0, UsedTo: 4, ResetsAt: reset, FromStart: true, WindowSpan: 5 * time.Hour},
		{Window: FiveHour, From: t0.Add(2 * time.Hour), To: t0.Add(3 * time.Hour), UsedFrom: 4, UsedTo: 8, ResetsAt: reset, WindowSpan: 5 * time.Hour},
		{Window: FiveHour, From: t0.Add(6 * time.Hour), To: t0.Add(7 * time.Hour), UsedFrom: 40, UsedTo: 45, ResetsAt: t0.Add(10 * time.Hour), WindowSpan: 5 * time.Hour},
	}
	if len(got) != len(want) {
		t.Fatalf("Intervals = %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("interval %d = %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// testTable prices one model: sonnet at $3 in, $15 out, $3.75 and $6
// cache writes, $0.30 cache reads per million tokens.
func testTable() *tiers.Table {
	return &tiers.Table{Models: []tiers.Model{{
		Name: "sonnet", Match: []string{"claude-sonnet-4-5"}, Pool: "sonnet-4",
		Price: tiers.Prices{Input: tiers.Dollars(3), Output: tiers.Dollars(15), CacheWrite5m: tiers.Dollars(3.75),
			CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.3)},
	}}}
}

func TestObservePricesCountedKinds(t *testing.T) {
	iv := Interval{Window: FiveHour, From: t0, To: t0.Add(time.Hour), UsedTo: 5}
	call := func(at time.Duration, model string) usage.Entry {
		return usage.Entry{Time: t0.Add(at), Model: model, Tokens: usage.Tokens{Input: 1000, Output: 2000, CacheRead: 100_000}}
	}
	entries := []usage.Entry{call(0, "claude-sonnet-4-5-20250929"), call(time.Minute, "claude-sonnet-4-5-20250929"),
		call(time.Hour, "claude-mystery-1"), call(time.Hour+time.Second, "claude-sonnet-4-5-20250929")}
	o := Observe([]Interval{iv}, entries, testTable(), []tiers.TokenKind{tiers.KindOutput})[0]
	// One sonnet call inside (the one at t0 is at the start, excluded):
	// output 2,000 × $15/M = $0.03; all kinds $0.003 + $0.03 + $0.03 = $0.063.
	if o.Calls != 2 || o.Counted != tiers.Dollars(0.03) || o.All != tiers.Dollars(0.063) || o.CountedTokens != 4000 || o.Unpriced != 103_000 {
		t.Fatalf("Observe = calls %d, counted %v, all %v, counted tokens %d, unpriced %d", o.Calls, o.Counted, o.All, o.CountedTokens, o.Unpriced)
	}
}

// simulated is a generated history: a user's calls and the readings the
// server's percentages gave, for a known allowance.
type simulated struct {
	readings []Reading
	entries  []usage.Entry
}

// simulate runs days of work against a plan whose 5-hour window holds per5h
// and whose week holds perWeek dollars of output at list prices. The
// server's percentage is the counted cost so far over the allowance; each
// reading is taken after a call, shows the use before that call (headers
// come with the response's start), rounded to a whole percent.
func simulate(seed uint64, days int, per5h, perWeek float64) simulated {
	return simulateCalls(seed, days, per5h, perWeek, 100, 1600, 40)
}

// simulateCalls is simulate with calls of outMin to outMax output tokens,
// gapMean seconds apart on average.
func simulateCalls(seed uint64, days int, per5h, perWeek float64, outMin, outMax int, gapMean float64) simulated {
	rng := rand.New(rand.NewPCG(seed, 7))
	var s simulated
	var start5h, weekStart time.Time
	var used5h, usedWeek float64 // dollars
	weekStart = t0
	for day := 0; day < days; day++ {
		at := t0.Add(time.Duration(day)*24*time.Hour + time.Duration(rng.IntN(120))*time.Minute)
		end := at.Add(time.Duration(6+rng.IntN(5)) * time.Hour)
		for at.Before(end) {
			at = at.Add(time.Duration(5+rng.ExpFloat64()*gapMean) * time.Second)
			if rng.Float64() < 0.02 {
				at = at.Add(time.Duration(rng.IntN(90)) * time.Minute) // a break
			}
			if !at.Before(weekStart.Add(7 * 24 * time.Hour)) {
				weekStart, usedWeek = weekStart.Add(7*24*time.Hour), 0
			}
			if start5h.IsZero() || !at.Before(start5h.Add(5*time.Hour)) {
				start5h, used5h = at.Truncate(time.Hour), 0
			}
			if used5h >= per5h || usedWeek >= perWeek {
				continue // blocked until the window resets
			}
			before5h, beforeWeek := used5h, usedWeek
			out := int64(outMin + rng.IntN(outMax-outMin))
			t := usage.Tokens{Input: int64(1 + rng.IntN(10)), Output: out, CacheWrite5m: int64(rng.IntN(3000)), CacheRead: int64(20_000 + rng.IntN(100_000))}
			s.entries = append(s.entries, usage.Entry{Time: at, Model: "claude-sonnet-4-5-20250929", Tokens: t})
			cost := float64(out) * 15 / 1e6
			used5h += cost
			usedWeek += cost
			if rng.Float64() < 0.7 {
				seen := at.Add(time.Duration(1+rng.IntN(3)) * time.Second)
				r5, _ := NewReading(seen, FiveHour, math.Round(100*before5h/per5h), start5h.Add(5*time.Hour))
				rw, _ := NewReading(seen, SevenDay, math.Round(100*beforeWeek/perWeek), weekStart.Add(7*24*time.Hour))
				s.readings = append(s.readings, r5, rw)
			}
		}
	}
	return s
}

var outputOnly = []tiers.TokenKind{tiers.KindOutput}

// TestEstimateRecoversAKnownAllowance is the measurement's own check: from
// a generated fortnight of readings and logs, what one percent of each
// window holds comes out within the band the estimate states, and the
// band is narrow enough to be useful.
func TestEstimateRecoversAKnownAllowance(t *testing.T) {
	const per5h, perWeek = 6.0, 150.0
	s := simulate(1, 14, per5h, perWeek)
	est := EstimateAll(s.readings, s.entries, testTable(), outputOnly)
	if len(est) != 2 {
		t.Fatalf("estimates for %d windows, want 2: %+v", len(est), est)
	}
	for _, e := range est {
		truth := map[string]float64{FiveHour: per5h / 100, SevenDay: perWeek / 100}[e.Window]
		f := e.CountedUSD
		t.Logf("%s: %d observations, %.0f points: $%.4f [%.4f, %.4f] per point, truth $%.4f", e.Window, e.Observations, e.Points, f.Value, f.Low, f.High, truth)
		if !e.Enough || truth < f.Low || truth > f.High {
			t.Errorf("%s: true $%.4f per point outside the stated band [%.4f, %.4f]", e.Window, truth, f.Low, f.High)
		}
		if (f.High-f.Low)/truth > 0.3 {
			t.Errorf("%s: band [%.4f, %.4f] wider than 30%% of the value", e.Window, f.Low, f.High)
		}
		tokens := truth / 15 * 1e6
		if tokens < e.CountedTokens.Low || tokens > e.CountedTokens.High {
			t.Errorf("%s: true %.0f output tokens per point outside [%.0f, %.0f]", e.Window, tokens, e.CountedTokens.Low, e.CountedTokens.High)
		}
	}
}

// TestEstimateBandCoverage checks that the band means what it says: over
// many generated weeks, the true value falls inside the 95% band of the
// 5-hour estimate in most of them.
func TestEstimateBandCoverage(t *testing.T) {
	const runs = 60
	inside := 0
	for seed := uint64(100); seed < 100+runs; seed++ {
		s := simulate(seed, 5, 4, 120)
		for _, e := range EstimateAll(s.readings, s.entries, testTable(), outputOnly) {
			if e.Window == FiveHour && e.CountedUSD.Low <= 0.04 && 0.04 <= e.CountedUSD.High {
				inside++
			}
		}
	}
	t.Logf("inside the band in %d of %d runs", inside, runs)
	if inside < runs*85/100 {
		t.Fatalf("the true value is inside the 95%% band in %d of %d runs", inside, runs)
	}
}
