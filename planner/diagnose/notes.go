package diagnose

import (
	"fmt"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// notes collects the caveats of one diagnosis, in the order found.
type notes struct{ list []string }

func (n *notes) add(format string, a ...any) { n.list = append(n.list, fmt.Sprintf(format, a...)) }

// quote quotes a value from the response for a note: escaped, cut short.
func quote(s string) string { return termsafe.Quote(s, 60) }

// clean makes a string from the response fit to report: escaped for the
// terminal, white space runs folded, cut to max runes.
func clean(s string, max int) string {
	return termsafe.Line(foldSpace(s), max)
}

// foldSpace turns runs of white space (newlines included) into one space.
func foldSpace(s string) string {
	out := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return string(out)
}
