package day

import (
	"testing"
	"time"
)

func TestVanDerCorputByHand(t *testing.T) {
	want := []float64{0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875}
	for n, w := range want {
		if got := vanDerCorput(n); got != w {
			t.Errorf("vanDerCorput(%d) = %g, want %g", n, got, w)
		}
	}
}

// One developer, four sessions spread over eight hours, developer 0's phase
// 0: starts at 0, 2 h, 4 h and 6 h.
func TestSpreadByHand(t *testing.T) {
	team := Team{Devs: 1, SessionsPerDay: 4, Hours: 8 * time.Hour, Seed: 1}
	var at []int64
	for _, s := range team.Starts(0) {
		at = append(at, s.At)
	}
	h := int64(3_600_000)
	want := []int64{0, 2 * h, 4 * h, 6 * h}
	for i := range want {
		if at[i] != want[i] {
			t.Fatalf("starts %v, want %v", at, want)
		}
	}
}

// A stand-up puts every developer's first session at the bell; overlap ½
// puts about half of them there.
func TestStandupAndOverlap(t *testing.T) {
	team := Team{Devs: 20, SessionsPerDay: 3, Hours: 8 * time.Hour, Arrival: Standup, Seed: 1}
	bell := 0
	for _, s := range team.Starts(0) {
		if s.Session == 0 && s.At != 0 {
			t.Fatalf("dev %d's first session at %d under a stand-up", s.Dev, s.At)
		}
		if s.At == 0 {
			bell++
		}
	}
	if bell != 20 {
		t.Fatalf("%d sessions at the bell, want 20", bell)
	}
	half := Team{Devs: 400, SessionsPerDay: 1, Hours: 8 * time.Hour, Overlap: 0.5, Seed: 1}
	n := 0
	for _, s := range half.Starts(0) {
		if s.At == 0 {
			n++
		}
	}
	if n < 170 || n > 230 {
		t.Fatalf("%d of 400 developers at the bell with overlap 0.5", n)
	}
}

// Adding developers, sessions or hours of share never moves a session that
// was already there: the day of a bigger team contains the smaller one.
func TestStartsAreNested(t *testing.T) {
	for _, a := range []Arrival{Spread, Poisson, Standup} {
		small := Team{Devs: 5, SessionsPerDay: 3.5, Hours: 8 * time.Hour, Arrival: a, Seed: 9}
		for _, big := range []Team{
			{Devs: 9, SessionsPerDay: 3.5, Hours: 8 * time.Hour, Arrival: a, Seed: 9},
			{Devs: 5, SessionsPerDay: 6.25, Hours: 8 * time.Hour, Arrival: a, Seed: 9},
		} {
			have := map[Start]bool{}
			for _, s := range big.Starts(0) {
				have[s] = true
			}
			for _, s := range small.Starts(0) {
				if !have[s] {
					t.Fatalf("%s: session %+v of the smaller day is not in the bigger one", a, s)
				}
			}
		}
	}
}

// A fraction of sessions per day gives that share of developers one more,
// and every start lies in the working hours.
func TestFractionalSessionsAndRange(t *testing.T) {
	team := Team{Devs: 1000, SessionsPerDay: 2.3, Hours: 6 * time.Hour, Arrival: Poisson, Seed: 4}
	starts := team.Starts(0)
	if n := len(starts); n < 2250 || n > 2350 {
		t.Fatalf("%d sessions, want about 2,300", n)
	}
	if team.Count() != len(starts) {
		t.Fatalf("Count %d, Starts %d", team.Count(), len(starts))
	}
	for _, s := range starts {
		if s.At < 0 || s.At >= (6*time.Hour).Milliseconds() {
			t.Fatalf("start %d outside the working hours", s.At)
		}
	}
	if got := (Team{Devs: 1, SessionsPerDay: 0.2, Hours: time.Hour}).Count(); got != 1 {
		t.Fatalf("a day with work has at least one session, got %d", got)
	}
}

func TestArrivalNames(t *testing.T) {
	for _, n := range ArrivalNames() {
		a, err := ArrivalNamed(" " + n + " ")
		if err != nil || a.String() != n {
			t.Fatalf("%q: %v %v", n, a, err)
		}
	}
	if _, err := ArrivalNamed("burst"); err == nil {
		t.Fatal("an unknown pattern passed")
	}
}
