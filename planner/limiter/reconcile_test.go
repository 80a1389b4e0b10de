package limiter

import (
	"testing"
	"time"
)

// An estimate reserved at admission is replaced by the real charge at the
// end: a smaller real charge gives the difference back, a larger one takes
// more, and a released call gives everything back.
func TestAdjustReplacesTheEstimate(t *testing.T) {
	itpm := NewBucket("itpm", 30_000, time.Minute) // 30,000 tokens, 500 a second
	rpm := NewBucket("rpm", 50, time.Minute)
	l := FromBuckets(rpm, itpm, nil, nil)
	est := &Charge{RPM: UnitsPerToken, ITPM: TokensToUnits(10_000)}
	if d := l.Admit(0, est); d.Reason != Admitted {
		t.Fatalf("admit: %s", d.Reason)
	}
	// Real input 4,000: 6,000 come back at t = 0 → 30,000 − 4,000 = 26,000.
	l.Adjust(0, est, &Charge{RPM: UnitsPerToken, ITPM: TokensToUnits(4_000)})
	if got := itpm.LevelAt(0); got != TokensToUnits(26_000) {
		t.Fatalf("after a smaller real charge: %d units, want 26,000 tokens", got)
	}
	// Another estimate of 1,000 that really cost 21,000 at t = 2 s: the level
	// was 26,000 + 1,000 refilled, capped at 30,000 → 27,000 − 21,000 = 6,000.
	est2 := &Charge{RPM: UnitsPerToken, ITPM: TokensToUnits(1_000)}
	l.Admit(2_000, est2)
	l.Adjust(2_000, est2, &Charge{RPM: UnitsPerToken, ITPM: TokensToUnits(21_000)})
	if got := itpm.LevelAt(2_000); got != TokensToUnits(6_000) {
		t.Fatalf("after a larger real charge: %d units, want 6,000 tokens", got)
	}
	// Released: the request and its 1,000 tokens come back (49 + 1 requests
	// refilled over 2 s of 50 RPM: 50 − 2 + 1.667 → capped; check the ITPM).
	est3 := &Charge{RPM: UnitsPerToken, ITPM: TokensToUnits(1_000)}
	l.Admit(2_000, est3)
	l.Adjust(2_000, est3, &Charge{})
	if got := itpm.LevelAt(2_000); got != TokensToUnits(6_000) {
		t.Fatalf("after release: %d units, want 6,000 tokens", got)
	}
	// RPM: 50 − 1 at t=0, refill 2 s × 50/60 = 1.667 → capped at 50; −1 for
	// the second call = 49; the released third call gives its request back.
	if got := rpm.LevelAt(2_000); got != TokensToUnits(49) {
		t.Fatalf("rpm level: %d units, want 49 requests", got)
	}
}

// Lower follows the provider down, never up.
func TestLowerNeverRaises(t *testing.T) {
	b := NewBucket("itpm", 30_000, time.Minute)
	if !b.Lower(0, 12_000) || b.LevelAt(0) != TokensToUnits(12_000) {
		t.Fatalf("lower to 12,000: level %d", b.LevelAt(0))
	}
	// 4 s later the level is 12,000 + 2,000 = 14,000; a header saying
	// 20,000 is left does not raise it.
	if b.Lower(4_000, 20_000) || b.LevelAt(4_000) != TokensToUnits(14_000) {
		t.Fatalf("a higher remaining changed the level to %d", b.LevelAt(4_000))
	}
	if !b.Lower(4_000, -5) || b.LevelAt(4_000) != 0 {
		t.Fatalf("a negative remaining reads as 0, level %d", b.LevelAt(4_000))
	}
}

// Resize keeps what was drawn: a bucket of 30,000 with 10,000 drawn, told
// the limit is 90,000, holds 80,000.
func TestResizeKeepsTheDrawnAmount(t *testing.T) {
	b := NewBucket("itpm", 30_000, time.Minute)
	b.Take(TokensToUnits(10_000))
	b.Resize(0, 90_000)
	if b.Capacity() != TokensToUnits(90_000) || b.LevelAt(0) != TokensToUnits(80_000) {
		t.Fatalf("capacity %d level %d, want 90,000 and 80,000 tokens", b.Capacity(), b.LevelAt(0))
	}
	// Over a 1 s window the capacity is limit/60: 6,000 RPM → 100 requests.
	s := NewBucket("rpm", 3_000, time.Second)
	s.Resize(0, 6_000)
	if s.Capacity() != TokensToUnits(100) || s.LevelAt(0) != s.Capacity() {
		t.Fatalf("1 s window: capacity %d level %d, want 100 requests, full", s.Capacity(), s.LevelAt(0))
	}
}

// A saved state restores the same bucket.
func TestStateRoundTrip(t *testing.T) {
	b := NewBucket("otpm", 8_000, 10*time.Second)
	b.Advance(1_234)
	b.Take(TokensToUnits(700))
	r := RestoreBucket("otpm", b.State())
	if r.State() != b.State() || r.LevelAt(5_000) != b.LevelAt(5_000) {
		t.Fatalf("restored %+v, want %+v", r.State(), b.State())
	}
	if over := RestoreBucket("x", BucketState{PerMinute: 60, WindowMs: 60_000, Level: 1 << 60}); over.LevelAt(0) != over.Capacity() {
		t.Fatal("a level above the capacity must be cut to it")
	}
}

// Check answers as Admit would and draws nothing.
func TestCheckDrawsNothing(t *testing.T) {
	l := FromBuckets(NewBucket("rpm", 50, time.Minute), nil, nil, nil)
	for range 50 {
		l.Admit(0, &Charge{RPM: UnitsPerToken})
	}
	// Empty: the next request refills in 60,000/50 = 1,200 ms.
	for range 3 {
		if d := l.Check(0, &Charge{RPM: UnitsPerToken}); d.Reason != ByRPM || d.WaitMs != 1_200 {
			t.Fatalf("check: %s %d ms, want rpm 1200", d.Reason, d.WaitMs)
		}
	}
	if d := l.Admit(1_200, &Charge{RPM: UnitsPerToken}); d.Reason != Admitted {
		t.Fatalf("admit at 1.2 s: %s", d.Reason)
	}
}
