package statusline

import (
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"
)

// A status line is a few segments (model, context, cost, a window), each
// with forms from the most to the least said. fit picks, for a width, the
// fullest forms that fit: it shortens the least important segment first,
// and drops segments, least important first, only when every one is at its
// shortest. Width is counted in terminal cells, colour codes apart.

// style is how a part is coloured on a terminal.
type style int

const (
	plain style = iota
	good        // under pace, context far from compaction
	warn        // ahead of pace, context getting full
	bad         // runs out before the reset, used up, compaction next
	dim         // secondary words
)

// part is a piece of text in one style.
type part struct {
	text  string
	style style
}

// form is one way to write a segment.
type form []part

func (f form) width() int {
	n := 0
	for _, p := range f {
		n += runewidth.StringWidth(p.text)
	}
	return n
}

// segment is one item of a line; prio 0 is the most important.
type segment struct {
	prio  int
	forms []form
}

// separator goes between segments.
const separator = " │ "

// separatorWidth is the separator's width in cells, counted when a line is
// fitted rather than held in a package variable. It cannot be a constant:
// "│" is East Asian Ambiguous, 1 cell in most locales but 2 where runewidth
// counts such characters wide (a CJK locale, RUNEWIDTH_EASTASIAN=1), and
// the separator must be counted as the segments are. Nor is it worked out
// at package init: runewidth builds its 2 MB width table on the first
// lookup of a character from U+0300 up, about 1 ms, which would then be
// paid at the start of every command, not just by the status line (which
// builds the table anyway, for its own text).
func separatorWidth() int { return runewidth.StringWidth(separator) }

// fit chooses a form for each segment (or drops it) so the line is at most
// width cells, and returns the chosen forms in order.
func fit(segs []segment, width int) []form {
	choice := make([]int, len(segs)) // index into forms; -1 = dropped
	sepWidth := separatorWidth()
	total := func() int {
		n, shown := 0, 0
		for i, s := range segs {
			if choice[i] >= 0 {
				n += s.forms[choice[i]].width()
				shown++
			}
		}
		if shown > 1 {
			n += (shown - 1) * sepWidth
		}
		return n
	}
	for total() > width {
		// The least important segment that can still be shortened.
		pick := -1
		for i, s := range segs {
			if choice[i] >= 0 && choice[i] < len(s.forms)-1 && (pick < 0 || s.prio >= segs[pick].prio) {
				pick = i
			}
		}
		if pick >= 0 {
			choice[pick]++
			continue
		}
		// Every segment at its shortest: drop the least important, but
		// never the last one (line cuts it instead).
		shown := 0
		for i, s := range segs {
			if choice[i] >= 0 {
				shown++
				if pick < 0 || s.prio >= segs[pick].prio {
					pick = i
				}
			}
		}
		if shown <= 1 {
			break
		}
		choice[pick] = -1
	}
	// Dropping a segment may have freed room: give it back to the others,
	// most important first.
	for _, prio := range prios(segs) {
		for i, s := range segs {
			for s.prio == prio && choice[i] > 0 {
				choice[i]--
				if total() > width {
					choice[i]++
					break
				}
			}
		}
	}
	var out []form
	for i, s := range segs {
		if choice[i] >= 0 {
			out = append(out, s.forms[choice[i]])
		}
	}
	return out
}

// prios lists the segments' priorities, most important first.
func prios(segs []segment) []int {
	var out []int
	for _, s := range segs {
		if !slices.Contains(out, s.prio) {
			out = append(out, s.prio)
		}
	}
	slices.Sort(out)
	return out
}

// ANSI colours; bold off and colour off are one reset.
var colours = map[style]string{good: "\x1b[32m", warn: "\x1b[33m", bad: "\x1b[1;31m", dim: "\x1b[2m"}

const reset = "\x1b[0m"

// line writes the chosen forms, separated, with colour or without. A line
// still wider than width (one segment longer than the width at its
// shortest) is cut, with "…".
func line(forms []form, width int, colour bool) string {
	var b strings.Builder
	used := 0
	for i, f := range forms {
		if i > 0 {
			b.WriteString(separator)
			used += separatorWidth()
		}
		for _, p := range f {
			text := p.text
			if w := runewidth.StringWidth(text); used+w > width {
				text = runewidth.Truncate(text, max(width-used, 0), "…")
			}
			used += runewidth.StringWidth(text)
			if colour && p.style != plain && text != "" {
				b.WriteString(colours[p.style] + text + reset)
			} else {
				b.WriteString(text)
			}
		}
	}
	return b.String()
}
