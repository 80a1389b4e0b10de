package pacing

import (
	"math"
	"testing"
)

func TestNextOrder(t *testing.T) {
	served := map[string]float64{"ann": 100, "bob": 10, "cy": 10}
	of := func(u string) float64 { return served[u] }
	cases := []struct {
		name string
		w    []Waiting
		want int
	}{
		{"empty", nil, -1},
		{"interactive first", []Waiting{{"bob", false, 1}, {"ann", true, 2}}, 1},
		{"least served first", []Waiting{{"ann", true, 1}, {"bob", true, 2}}, 1},
		{"arrival breaks ties", []Waiting{{"cy", true, 5}, {"bob", true, 3}, {"bob", true, 4}}, 1},
		{"batch waits for any interactive", []Waiting{{"bob", false, 1}, {"ann", true, 9}, {"cy", false, 2}}, 1},
	}
	for _, tc := range cases {
		if got := Next(tc.w, of); got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, got, tc.want)
		}
	}
}

// Shares halve every minute.
func TestSharesDecay(t *testing.T) {
	s := NewShares()
	s.Add("ann", 800, 0)
	if got := s.Of("ann", 60_000); math.Abs(got-400) > 1e-9 {
		t.Fatalf("after a minute: %g, want 400", got)
	}
	s.Add("ann", 100, 120_000) // 800/4 + 100 = 300
	if got := s.Of("ann", 120_000); math.Abs(got-300) > 1e-9 {
		t.Fatalf("after two minutes and 100 more: %g, want 300", got)
	}
	s.Add("bob", 1, 0)
	s.Forget(60_000) // bob: 0.5 < 1, forgotten; ann stays
	if s.Of("bob", 60_000) != 0 || s.Of("ann", 120_000) == 0 {
		t.Fatal("Forget should drop only shares below one unit")
	}
}
