package render

import "testing"

// TestWords: counts with their noun, numbers and percentages, by hand.
func TestWords(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Plural(1, "call"), "1 call"},
		{Plural(0, "call"), "0 calls"},
		{Plural(1024, "call"), "1,024 calls"},
		{PluralF(1, "session"), "1 session"},
		{PluralF(2.5, "session"), "2.5 sessions"},
		{Num(0.25), "0.25"},
		{Num(20), "20"},
		{Pct(0), "0%"},
		{Pct(0.004), "<1%"},
		{Pct(0.005), "<1%"},
		{Pct(0.994), "99%"},
		{Pct(1.5), "150%"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// Halves away from zero, on values a float holds exactly.
	for _, tt := range []struct {
		x      float64
		places int
		want   float64
	}{{1.25, 1, 1.3}, {-1.25, 1, -1.3}, {0.125, 2, 0.13}, {7.04, 1, 7}, {1234.5, 0, 1235}} {
		if got := Round(tt.x, tt.places); got != tt.want {
			t.Errorf("Round(%g, %d) = %g, want %g", tt.x, tt.places, got, tt.want)
		}
	}
}
