package session

import (
	"errors"
	"testing"
)

// A small shape, laid out by hand: first context 1,500, growth 500, output
// 100, compaction at 2,800 back to 1,700 (a 200-token summary).
//
//	work 1: context 1,500, cold: writes 1,500
//	work 2: 2,000: reads 1,500, writes 500
//	work 3: 2,500: reads 2,000, writes 500
//	work 4: 2,500 + 500 = 3,000 > 2,800: first a compaction call that sends
//	        2,500 + 100 (reads 2,500, writes the 100 of output) and writes a
//	        200-token summary; then 1,700 + 500 = 2,200, cold.
//	work 5: 2,700: reads 2,200, writes 500
func TestCallsByHand(t *testing.T) {
	sh := Shape{Prefix: 1_500, Growth: 500, Output: 100, CompactAt: 2_800, CompactTo: 1_700}
	want := []Call{
		{Context: 1_500, CacheWrite: 1_500, Output: 100, Cold: true, Work: 1},
		{Context: 2_000, CacheRead: 1_500, CacheWrite: 500, Output: 100, Work: 2},
		{Context: 2_500, CacheRead: 2_000, CacheWrite: 500, Output: 100, Work: 3},
		{Context: 2_600, CacheRead: 2_500, CacheWrite: 100, Output: 200, Compaction: true, Work: 4},
		{Context: 2_200, CacheWrite: 2_200, Output: 100, Cold: true, Work: 4},
		{Context: 2_700, CacheRead: 2_200, CacheWrite: 500, Output: 100, Work: 5},
	}
	got := sh.Calls(5)
	if len(got) != len(want) {
		t.Fatalf("%d calls, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	// Totals: 1,600 + 2,100 + 2,600 + (2,800 + 2,300) + 2,800 = 14,200.
	upTo, next := sh.Totals(5)
	if upTo != 14_200 {
		t.Errorf("Totals(5) = %d, want 14,200", upTo)
	}
	// Work 6 would reach 3,200: another compaction (2,700 + 100 sent, a
	// 200 summary), then 2,200 cold: 3,000 + 2,300 = 5,300.
	if next != 5_300 {
		t.Errorf("next step = %d, want 5,300", next)
	}
}

// Without the cache every call sends its context as uncached input; a forced
// miss share of ½ makes every second later call write its whole context.
func TestCacheOffAndForcedMisses(t *testing.T) {
	off := Shape{Prefix: 1_500, Growth: 500, Output: 100, Cache: CacheOff}.Calls(2)
	if off[1].Input != 2_000 || off[1].CacheRead != 0 || off[1].CacheWrite != 0 {
		t.Fatalf("cache off: %+v", off[1])
	}
	miss := Shape{Prefix: 1_500, Growth: 500, Output: 100, ForcedMiss: 0.5}.Calls(5)
	var cold []int
	for _, c := range miss {
		if c.Cold {
			cold = append(cold, c.Work)
		}
	}
	if want := []int{1, 3, 5}; !equal(cold, want) {
		t.Fatalf("cold calls %v, want %v", cold, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A token total between two lengths gives the share of sessions that make
// one more call, so the mean session adds up to the total exactly.
func TestLengthForIsExactOnAverage(t *testing.T) {
	sh := Shape{Prefix: 1_500, Growth: 500, Output: 100, CompactAt: 2_800, CompactTo: 1_700}
	// 14,200 is exactly five work calls; 16,850 is five and half of the
	// 5,300-token sixth step.
	cases := []struct {
		tokens int64
		want   Length
	}{
		{14_200, Length{Calls: 5}},
		{16_850, Length{Calls: 5, Extra: 0.5}},
		{1_600, Length{Calls: 1}},
		{2_000, Length{Calls: 1, Extra: 400.0 / 2_100}},
	}
	for _, tc := range cases {
		got, err := sh.LengthFor(tc.tokens)
		if err != nil || got != tc.want {
			t.Errorf("LengthFor(%d) = %+v, %v; want %+v", tc.tokens, got, err, tc.want)
		}
	}
	var small *TooSmallError
	if _, err := sh.LengthFor(1_000); !errors.As(err, &small) || small.FirstCall != 1_600 {
		t.Errorf("a total under the first call: %v, want TooSmallError with 1,600", err)
	}
	var long *TooLongError
	if _, err := (Shape{Prefix: 1, Growth: 1, Output: 1}).LengthFor(1 << 62); !errors.As(err, &long) {
		t.Errorf("a total past MaxCalls: %v, want TooLongError", err)
	}
}

// With a number of calls and a total, the growth is solved: three calls of
// first context 1,000 and output 100 send 1,000, 1,000+d, 1,000+2d and
// write 300: 3,300 + 3d = 6,300 gives d = 1,000.
func TestSolveGrowthByHand(t *testing.T) {
	sh := Shape{Prefix: 1_000, Output: 100}
	got, err := sh.SolveGrowth(3, 6_300)
	if err != nil {
		t.Fatal(err)
	}
	if upTo, _ := got.Totals(3); upTo != 6_300 {
		t.Fatalf("growth %.4f gives %d tokens, want 6,300", got.Growth, upTo)
	}
	// Contexts are whole tokens, so the smallest growth that reaches the
	// total may sit a little under 1,000.
	if got.Growth < 999 || got.Growth > 1_000.01 {
		t.Fatalf("growth %.4f, want 1,000 to within a token", got.Growth)
	}
	var ue *UnreachableError
	if _, err := sh.SolveGrowth(3, 3_000); !errors.As(err, &ue) || ue.Min != 3_600 {
		// the least three calls can be is growth = output: 1,000 + 1,100 + 1,200 + 300 of output
		t.Fatalf("under the minimum: %v, want UnreachableError with min 3,600", err)
	}
	capped := Shape{Prefix: 1_000, Output: 100, CompactAt: 2_000, CompactTo: 1_200}
	if _, err := capped.SolveGrowth(2, 1_000_000); !errors.As(err, &ue) || !ue.CompactionCap {
		t.Fatalf("past what compaction allows: %v, want UnreachableError bounded by compaction", err)
	}
}

// Shapes that cannot describe a session are refused with a reason.
func TestShapeValidate(t *testing.T) {
	bad := []Shape{
		{Prefix: -1},
		{Prefix: 10, Growth: 50, Output: 100},
		{Prefix: 10, Growth: 100, Output: 10, CompactAt: 1_000, CompactTo: 5},
		{Prefix: 10, Growth: 900, Output: 10, CompactAt: 1_000, CompactTo: 200},
		{Prefix: 10, Growth: 100, Output: 10, ForcedMiss: 1.5},
	}
	for i, sh := range bad {
		if err := sh.Validate(); err == nil {
			t.Errorf("shape %d (%+v) passed", i, sh)
		}
	}
	if err := (Shape{Prefix: 20_000, Growth: 1_700, Output: 400, CompactAt: 167_000, CompactTo: 30_000}).Validate(); err != nil {
		t.Errorf("a real shape was refused: %v", err)
	}
}
