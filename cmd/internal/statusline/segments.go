package statusline

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/tierplan/tierplan/planner/statusline"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// view is what the two lines say: the status of the input, the day's cost
// for API-key users, and windows last seen in the history when the input
// has none yet.
type view struct {
	status  statusline.Status
	dayCost *tiers.Money
	// seen are windows from the history, shown while the input has none
	// (a subscriber's session before its first response).
	seen []seenWindow
	// headroom is the tightest per-minute bucket of the last recorded
	// headers (--headers), when recent.
	headroom *statusline.Headroom
	now      time.Time
	loc      *time.Location
}

// seenWindow is a window from the history and when it was read.
type seenWindow struct {
	statusline.Window
	at time.Time
}

// firstLine is the model, the context and the session's cost.
func (v view) firstLine() []segment {
	s := v.status
	var segs []segment
	if s.Model != "" {
		name := termsafe.Escape(s.Model)
		segs = append(segs, segment{0, []form{{{trim(name, 32), plain}}, {{trim(name, 16), plain}}}})
	}
	if c := s.Context; c != nil {
		pct := part{percent(c.Percent), contextStyle(c)}
		left := fmt.Sprintf(" · %s to compact", tokens(c.LeftToCompact))
		short := fmt.Sprintf(" · %s left", tokens(c.LeftToCompact))
		if c.LeftToCompact == 0 {
			left, short = " · compacts next", " · compacts next"
		}
		segs = append(segs, segment{1, []form{
			{{"ctx ", dim}, pct, {left, plain}},
			{{"ctx ", dim}, pct, {short, plain}},
			{{"ctx ", dim}, pct},
		}})
	}
	if s.SessionCost != nil {
		m := money(*s.SessionCost)
		segs = append(segs, segment{2, []form{{{m, plain}, {" session", dim}}, {{m, plain}}}})
	}
	return segs
}

// secondLine is the subscription windows, or the day's cost.
func (v view) secondLine() []segment {
	var segs []segment
	for _, w := range v.status.Windows {
		segs = append(segs, v.window(w, time.Time{}))
	}
	for _, w := range v.seen {
		segs = append(segs, v.window(w.Window, w.at))
	}
	if len(segs) == 0 && v.dayCost != nil {
		m := money(*v.dayCost)
		segs = append(segs, segment{0, []form{{{"today ", dim}, {m, plain}, {" all sessions", dim}}, {{"today ", dim}, {m, plain}}}})
	}
	if h := v.headroom; h != nil {
		st := good
		switch {
		case h.Left() < 0.2:
			st = bad
		case h.Left() < 0.5:
			st = warn
		}
		left := part{percent(100 * h.Left()), st}
		name := part{termsafe.Escape(h.Measure) + " ", dim}
		segs = append(segs, segment{1, []form{
			{name, left, {" left at " + v.clock(h.At), dim}},
			{name, left, {" left", dim}},
		}})
	}
	return segs
}

// window is one window's segment; seen is when a reading from the history
// was taken (zero for the input's own).
func (v view) window(w statusline.Window, seen time.Time) segment {
	name, prio := windowLabel(w.Name)
	st := good
	switch {
	case w.Limited || !w.RunOutAt.IsZero():
		st = bad
	case w.Ahead():
		st = warn
	}
	used := part{percent(w.Used), st}
	label := part{name + " ", dim}
	var forms []form
	switch {
	case w.Limited && !w.ResetsAt.IsZero():
		at := v.clock(w.ResetsAt)
		forms = []form{
			{label, used, {" · limit reached · resets " + at, plain}},
			{label, used, {" · until " + at, plain}},
		}
	case !w.RunOutAt.IsZero():
		out, at := v.clock(w.RunOutAt), v.clock(w.ResetsAt)
		forms = []form{
			{label, used, {" · " + percent(w.Elapsed) + " of time · ", dim}, {"out " + out, bad}, {", resets " + at, plain}},
			{label, used, {"/" + percent(w.Elapsed), dim}, {" · out " + out, bad}},
			{label, used, {" out " + out, bad}},
		}
	case w.HasElapsed:
		at := v.clock(w.ResetsAt)
		forms = []form{
			{label, used, {" · " + percent(w.Elapsed) + " of time · resets " + at, dim}},
			{label, used, {"/" + percent(w.Elapsed) + " · resets " + at, dim}},
			{label, used, {"/" + percent(w.Elapsed), dim}},
		}
	}
	forms = append(forms, form{label, used})
	if !seen.IsZero() {
		for i := range forms {
			forms[i] = append(forms[i], part{" (seen " + v.clock(seen) + ")", dim})
		}
	}
	return segment{prio, forms}
}

// windowLabel names a window and ranks it: the 5-hour window first, the
// week next, per-model weeks after.
func windowLabel(name string) (string, int) {
	switch name {
	case windows.FiveHour:
		return "5h", 0
	case windows.SevenDay:
		return "week", 1
	}
	if model, ok := strings.CutPrefix(name, windows.SevenDay+"_"); ok {
		return termsafe.Escape(model) + " week", 3
	}
	return termsafe.Escape(name), 4
}

func contextStyle(c *statusline.Context) style {
	share := float64(c.Used) / float64(c.CompactAt)
	switch {
	case share >= 0.9:
		return bad
	case share >= 0.7:
		return warn
	}
	return good
}

// clock is a time as the status line shows it: the time of day when it is
// within 20 hours of now, else the weekday too.
func (v view) clock(t time.Time) string {
	lt := t.In(v.loc)
	if d := t.Sub(v.now); d > -20*time.Hour && d < 20*time.Hour {
		return lt.Format("15:04")
	}
	return lt.Format("Mon 15:04")
}

// percent is a whole percentage; under 1% but above 0 shows as "<1%".
func percent(p float64) string {
	if p > 0 && p < 0.5 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", math.Round(p))
}

// tokens is a token count in a few characters: 950, 55k, 1.2M.
func tokens(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprint(n)
	case n < 999_500:
		return fmt.Sprintf("%.0fk", float64(n)/1000)
	}
	return fmt.Sprintf("%.1fM", float64(n)/1e6)
}

// money is dollars to the cent, whole dollars from $1,000.
func money(m tiers.Money) string {
	d := m.Float()
	if d >= 1000 {
		return "$" + tiers.GroupDigits(int64(math.Round(d)))
	}
	return fmt.Sprintf("$%.2f", d)
}

// trim cuts s to n cells with "…".
func trim(s string, n int) string { return runewidth.Truncate(s, n, "…") }
