package session

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestLatencyByHand(t *testing.T) {
	tm := Timing{FirstToken: 1500 * time.Millisecond, OutputPerSecond: 50}
	// 1.5 s + 400 tokens at 50 a second = 1.5 + 8 = 9.5 s.
	if got := tm.LatencyMs(400); got != 9_500 {
		t.Fatalf("latency = %d ms, want 9500", got)
	}
}

// Turn lengths are geometric with the mean asked for, and the gap after a
// turn's last call is a pause, the others tool times; their means are the
// means asked for.
func TestScriptDistributions(t *testing.T) {
	tm := Timing{FirstToken: time.Second, OutputPerSecond: 60, ToolTime: 10 * time.Second, CallsPerTurn: 4, Pause: 3 * time.Minute}
	s := tm.Script(rand.New(rand.NewPCG(7, 7)))
	var turns, pauses, tools int
	var pauseSum, toolSum int64
	const calls = 200_000
	for range calls {
		gap, end := s.Gap()
		if end {
			turns++
			pauses++
			pauseSum += gap
		} else {
			tools++
			toolSum += gap
		}
	}
	if m := float64(calls) / float64(turns); math.Abs(m-4) > 0.05 {
		t.Errorf("mean calls per turn %.3f, want 4", m)
	}
	if m := float64(pauseSum) / float64(pauses) / 1000; math.Abs(m-180) > 3 {
		t.Errorf("mean pause %.1f s, want 180", m)
	}
	if m := float64(toolSum) / float64(tools) / 1000; math.Abs(m-10) > 0.2 {
		t.Errorf("mean tool time %.2f s, want 10", m)
	}
}

// The n-th gap of a session depends only on its stream, never on how many
// calls the session makes or what else happened.
func TestScriptIsReproducible(t *testing.T) {
	tm := Timing{FirstToken: time.Second, OutputPerSecond: 60, ToolTime: time.Second, CallsPerTurn: 3, Pause: time.Minute}
	a := tm.Script(rand.New(rand.NewPCG(3, 9)))
	b := tm.Script(rand.New(rand.NewPCG(3, 9)))
	for i := range 1000 {
		ga, ea := a.Gap()
		gb, eb := b.Gap()
		if ga != gb || ea != eb {
			t.Fatalf("gap %d differs: %d/%v vs %d/%v", i, ga, ea, gb, eb)
		}
	}
}

// Walk times a session by hand: calls of 2 s (1 s + 60 tokens at 60/s),
// every turn one call long (so every gap is a pause) and a pause of 0: the
// calls start 2 s apart; with a cache TTL shorter than 2 s every warm call
// finds its cache expired.
func TestWalkByHand(t *testing.T) {
	spec := Spec{
		Shape:  Shape{Prefix: 1_100, Growth: 100, Output: 60},
		Timing: Timing{FirstToken: time.Second, OutputPerSecond: 60, CallsPerTurn: 1},
		Length: Length{Calls: 3},
	}
	tpl := spec.Template()
	var at []int64
	var expired []bool
	tpl.Walk(5_000, 3, spec.Timing.Script(rand.New(rand.NewPCG(1, 1))), 1_500, func(_ int, t int64, x bool) {
		at, expired = append(at, t), append(expired, x)
	})
	if want := []int64{5_000, 7_000, 9_000}; len(at) != 3 || at[0] != want[0] || at[1] != want[1] || at[2] != want[2] {
		t.Fatalf("starts %v, want %v", at, want)
	}
	if expired[0] || !expired[1] || !expired[2] {
		t.Fatalf("expired %v, want [false true true] (the first call is cold anyway)", expired)
	}
	if n := tpl.CallsOf(2); n != 2 {
		t.Fatalf("CallsOf(2) = %d", n)
	}
}

func TestTimingValidate(t *testing.T) {
	good := Timing{FirstToken: time.Second, OutputPerSecond: 60, ToolTime: time.Second, CallsPerTurn: 5, Pause: time.Minute}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, bad := range []Timing{
		{FirstToken: -1, OutputPerSecond: 60, CallsPerTurn: 1},
		{OutputPerSecond: 0, CallsPerTurn: 1},
		{OutputPerSecond: math.NaN(), CallsPerTurn: 1},
		{OutputPerSecond: 60, CallsPerTurn: 0.5},
		{OutputPerSecond: 60, CallsPerTurn: 1, Pause: 48 * time.Hour},
	} {
		if bad.Validate() == nil {
			t.Errorf("timing %d (%+v) passed", i, bad)
		}
	}
}
