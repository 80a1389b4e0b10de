// Package day lays out a team's working day: which developer starts which
// session when, under an arrival pattern, and the random stream each session
// draws its timing from. plan and simulate take their days from here, so
// with the same seed they run the same sessions at the same times.
//
// Every session is identified by (day, developer, session number), and
// everything drawn for it comes from its own stream, so adding developers,
// sessions or tokens adds sessions and calls without moving the others.
package day

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Arrival is how a day's sessions start.
type Arrival uint8

// The arrival patterns.
const (
	// Spread starts each developer's sessions evenly over the working hours,
	// developers offset from one another: the smooth day.
	Spread Arrival = iota
	// Poisson starts every session at an independent uniform time of the
	// working day (a Poisson stream with the day's count fixed), so starts
	// bunch up by chance.
	Poisson
	// Standup starts every developer's first session at the start of the day
	// (a stand-up, a training session); the later ones are spread.
	Standup
)

var arrivalNames = []string{"spread", "poisson", "standup"}

func (a Arrival) String() string { return arrivalNames[a] }

// MarshalText writes the pattern's name, so reports carry "spread", not 0.
func (a Arrival) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads a pattern's name.
func (a *Arrival) UnmarshalText(b []byte) error {
	x, err := ArrivalNamed(string(b))
	*a = x
	return err
}

// ArrivalNames lists the patterns for help and completion.
func ArrivalNames() []string { return slices.Clone(arrivalNames) }

// ArrivalNamed parses an arrival pattern name.
func ArrivalNamed(name string) (Arrival, error) {
	for i, n := range arrivalNames {
		if strings.EqualFold(strings.TrimSpace(name), n) {
			return Arrival(i), nil
		}
	}
	return 0, fmt.Errorf("unknown arrival %q (valid: %s)", name, strings.Join(arrivalNames, ", "))
}

// Team is who works and how their sessions arrive.
type Team struct {
	Devs           int
	SessionsPerDay float64 // per developer; a fraction makes some developers do one more
	Hours          time.Duration
	Arrival        Arrival
	// Overlap, when above 0, is the share of developers whose first session
	// starts at the bell whatever the pattern (1 = everyone: a stand-up).
	Overlap float64
	Seed    uint64
}

// Start is one session of the day.
type Start struct {
	At      int64 // ms after the start of the working day
	Dev     int
	Session int // the developer's session number that day, from 0
}

// MaxSessionsPerDay bounds the sessions one day may hold.
const MaxSessionsPerDay = 10_000_000

// Starts lists the day's sessions in order of start time (ties by developer
// and session number).
func (t Team) Starts(day int) []Start {
	var out []Start
	hours := float64(t.Hours.Milliseconds())
	for d := 0; d < t.Devs; d++ {
		n := t.sessionsOf(d)
		phase := devPhase(d)
		atBell := t.Arrival == Standup || (t.Overlap > 0 && t.Mark(day, Start{Dev: d, Session: -1}, PurposeOverlap) < t.Overlap)
		for s := 0; s < n; s++ {
			var x float64
			switch {
			case s == 0 && atBell:
				x = 0
			case t.Arrival == Poisson:
				x = t.Mark(day, Start{Dev: d, Session: s}, PurposeArrival)
			default:
				x = math.Mod(vanDerCorput(s)+phase, 1)
			}
			out = append(out, Start{At: int64(x * hours), Dev: d, Session: s})
		}
	}
	if len(out) == 0 && t.Devs > 0 {
		out = append(out, Start{At: 0, Dev: 0, Session: 0}) // a day with work has a session
	}
	slices.SortFunc(out, func(a, b Start) int {
		switch {
		case a.At != b.At:
			return cmpInt(a.At, b.At)
		case a.Dev != b.Dev:
			return a.Dev - b.Dev
		}
		return a.Session - b.Session
	})
	return out
}

// Count is how many sessions Starts lays out, without laying them out.
func (t Team) Count() int {
	n := 0
	for d := 0; d < t.Devs && n <= MaxSessionsPerDay; d++ {
		n += t.sessionsOf(d)
	}
	return max(n, min(t.Devs, 1))
}

// sessionsOf is a developer's sessions: the whole part of SessionsPerDay,
// and one more for the share of developers its fraction says (the same
// developers keep their extra session as the fraction grows).
func (t Team) sessionsOf(dev int) int {
	whole, frac := math.Modf(t.SessionsPerDay)
	n := int(whole)
	if frac > 0 && devPhase(dev+1) < frac {
		n++
	}
	return n
}

func cmpInt(a, b int64) int {
	if a < b {
		return -1
	}
	return 1
}
