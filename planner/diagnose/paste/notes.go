package paste

import (
	"fmt"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// maxNotes caps parse notes so a garbage paste cannot produce a garbage
// report of thousands of lines.
const maxNotes = 10

// quoteLen is how much of a value a message quotes.
const quoteLen = 60

// quote quotes text from the paste for a note or an error: escaped for the
// terminal and cut to a readable length.
func quote(s string) string { return termsafe.Quote(s, quoteLen) }

// notes collects parse notes up to maxNotes, counting the rest.
type notes struct {
	list    []string
	dropped int
}

func (n *notes) add(format string, a ...any) {
	if len(n.list) >= maxNotes {
		n.dropped++
		return
	}
	n.list = append(n.list, fmt.Sprintf(format, a...))
}

// done returns the notes, with a last line counting those that did not fit.
func (n *notes) done() []string {
	out := n.list
	if n.dropped > 0 {
		out = append(out, fmt.Sprintf("… and %d more parse problems", n.dropped))
	}
	return out
}
