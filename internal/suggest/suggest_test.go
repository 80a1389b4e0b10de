package suggest

import (
	"testing"

	_ "github.com/tierplan/tierplan/internal/testflag"
)

func TestClosest(t *testing.T) {
	flags := []string{"sessions", "tokens", "devs", "model", "output-share", "output-per-call", "cache-miss"}
	for word, want := range map[string]string{
		"session":     "sessions", // one letter missing
		"sesions":     "sessions",
		"tokns":       "tokens",
		"dev":         "devs",
		"modle":       "model", // a swap is two edits
		"output-shar": "output-share",
		"cache":       "", // five edits from cache-miss
		"x":           "", // too short to guess
		"paln":        "", // two edits in four letters: not among these
		"tk":          "", // two edits in two letters
		"zzzzzzzz":    "",
	} {
		if got := Closest(word, flags); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
}
