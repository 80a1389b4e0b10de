package session

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Timing is when a session's calls happen. A session is turns: a turn is a
// burst of calls in the tool loop (call, the tool runs, the next call) and
// ends with a human pause before the next prompt. A call takes its time to
// first token plus its output at the model's speed. The pace of a session
// is an outcome of these, not a setting.
type Timing struct {
	// FirstToken is a call's time to first token; OutputPerSecond the
	// model's output speed.
	FirstToken      time.Duration
	OutputPerSecond float64
	// ToolTime is the mean time a tool runs between the calls of a turn;
	// tool times are exponential around it.
	ToolTime time.Duration
	// CallsPerTurn is the mean number of calls in a turn (at least 1); turn
	// lengths are geometric around it.
	CallsPerTurn float64
	// Pause is the mean human pause between turns; pauses are exponential
	// around it.
	Pause time.Duration
}

// Validate reports the first setting no client could have.
func (t Timing) Validate() error {
	switch {
	case t.FirstToken < 0 || t.ToolTime < 0 || t.Pause < 0:
		return errors.New("times must not be negative")
	case t.FirstToken > time.Hour || t.ToolTime > 24*time.Hour || t.Pause > 24*time.Hour:
		return errors.New("a time to first token over an hour, or a tool time or pause over a day, is not a session")
	case !(t.OutputPerSecond > 0) || t.OutputPerSecond > 1e6:
		return fmt.Errorf("the output speed must be above 0 tokens a second, not %g", t.OutputPerSecond)
	case !(t.CallsPerTurn >= 1) || t.CallsPerTurn > 1e6:
		return fmt.Errorf("calls per turn must be 1 or more, not %g", t.CallsPerTurn)
	}
	return nil
}

// LatencyMs is how long a call that writes output tokens takes, in
// milliseconds: its time to first token plus the output at the model's
// speed.
func (t Timing) LatencyMs(output int64) int64 {
	return t.FirstToken.Milliseconds() + int64(math.Round(float64(output)/t.OutputPerSecond*1000))
}

// Script is one session's draws of tool times, turn lengths and pauses, made
// from its own random stream in call order, so the n-th gap of a session is
// the same whatever else happens in a run and however long the session is.
type Script struct {
	t    Timing
	rng  *rand.Rand
	left int // calls left in the current turn, this one included
}

// Script starts a session's draws on a random stream.
func (t Timing) Script(rng *rand.Rand) *Script { return &Script{t: t, rng: rng} }

// Gap is the wait in milliseconds after a work call's response before the
// session's next call: a tool time inside a turn, a human pause at its end.
// Call it once per work call, in order.
func (s *Script) Gap() (ms int64, endOfTurn bool) {
	if s.left == 0 {
		s.left = s.turnLength()
	}
	s.left--
	if s.left == 0 {
		return s.exponential(s.t.Pause), true
	}
	return s.exponential(s.t.ToolTime), false
}

// turnLength draws a turn's calls from a geometric distribution with mean
// CallsPerTurn: 1 + ⌊ln U / ln(1 − 1/mean)⌋.
func (s *Script) turnLength() int {
	u := 1 - s.rng.Float64() // in (0, 1]
	if s.t.CallsPerTurn <= 1 {
		return 1
	}
	n := 1 + math.Floor(math.Log(u)/math.Log1p(-1/s.t.CallsPerTurn))
	return int(min(n, MaxCalls))
}

func (s *Script) exponential(mean time.Duration) int64 {
	return int64(math.Round(s.rng.ExpFloat64() * float64(mean.Milliseconds())))
}
