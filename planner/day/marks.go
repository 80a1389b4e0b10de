package day

import (
	"math"
	"math/rand/v2"
)

// Purpose separates the random streams of one session: its timing, its
// retry jitter, its arrival time and the marks that pick its model, batch
// share and length.
type Purpose uint64

// The purposes.
const (
	PurposeTiming Purpose = iota
	PurposeJitter
	PurposeArrival
	PurposePart
	PurposeBatch
	PurposeLength
	PurposeOverlap
	PurposeScale
)

// Stream is the session's own random stream for a purpose.
func (t Team) Stream(day int, s Start, p Purpose) *rand.Rand {
	return rand.New(rand.NewPCG(t.Seed, key(day, s, p)))
}

// Mark is a uniform number in [0, 1) fixed for a session and purpose: the
// first draw of its stream.
func (t Team) Mark(day int, s Start, p Purpose) float64 {
	return t.Stream(day, s, p).Float64()
}

// key packs (day, developer, session, purpose) into one stream id: 16 bits
// of day, 24 of developer, 20 of session (+1, so -1 is a developer-wide
// mark), 4 of purpose.
func key(day int, s Start, p Purpose) uint64 {
	return uint64(day&0xffff)<<48 | uint64(s.Dev&0xffffff)<<24 | uint64((s.Session+1)&0xfffff)<<4 | uint64(p&0xf)
}

// vanDerCorput is the base-2 radical inverse of n: 0, ½, ¼, ¾, ⅛, … The
// first k values spread evenly over [0, 1) for every k, and the first k+1
// are the first k plus one more, so adding a session never moves another.
func vanDerCorput(n int) float64 {
	x, f := 0.0, 0.5
	for u := uint64(n); u > 0; u >>= 1 {
		if u&1 == 1 {
			x += f
		}
		f /= 2
	}
	return x
}

// devPhase offsets developer d's spread sessions by the golden-ratio
// sequence, which spreads any number of developers evenly and keeps each
// developer's offset as the team grows.
func devPhase(d int) float64 {
	_, f := math.Modf(float64(d) * 0.6180339887498949)
	return f
}
