package simulate

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Arrival is how a day's sessions start.
type Arrival uint8

// The arrival patterns.
const (
	// Spread starts the day's sessions at even intervals over the working
	// hours: the smooth day a static plan assumes.
	Spread Arrival = iota
	// Poisson starts sessions as a Poisson stream at the same mean rate, so
	// the count varies from day to day and starts bunch up by chance.
	Poisson
	// Standup starts every developer's first session at the start of the day
	// (a stand-up, a training session); later sessions are spread evenly over
	// the rest of the day.
	Standup
)

var arrivalNames = []string{"spread", "poisson", "standup"}

func (a Arrival) String() string { return arrivalNames[a] }

// ArrivalNames lists the patterns for help and completion.
func ArrivalNames() []string { return append([]string(nil), arrivalNames...) }

// ArrivalNamed parses an arrival pattern name.
func ArrivalNamed(name string) (Arrival, error) {
	for i, n := range arrivalNames {
		if strings.EqualFold(strings.TrimSpace(name), n) {
			return Arrival(i), nil
		}
	}
	return 0, fmt.Errorf("unknown arrival %q (valid: %s)", name, strings.Join(arrivalNames, ", "))
}

// startOffsets returns the start times of one day's n sessions of devs
// developers, in milliseconds after the start of the working day, in
// increasing order, spread over hoursMs; a Poisson day draws its own count.
func startOffsets(a Arrival, n int64, devs int, hoursMs int64, rng *rand.Rand) []int64 {
	switch a {
	case Poisson:
		var out []int64
		mean := float64(hoursMs) / float64(n) // mean gap between starts
		for t := rng.ExpFloat64() * mean; t < float64(hoursMs); t += rng.ExpFloat64() * mean {
			out = append(out, int64(t))
		}
		return out
	case Standup:
		first := min(int64(devs), n) // one per developer at the bell
		out := make([]int64, first, n)
		m := n - first // the later sessions, spread over (0, hours)
		for k := int64(0); k < m; k++ {
			out = append(out, (k+1)*hoursMs/(m+1))
		}
		return out
	default:
		out := make([]int64, n)
		for k := range out {
			out[k] = int64(k) * hoursMs / n
		}
		return out
	}
}
