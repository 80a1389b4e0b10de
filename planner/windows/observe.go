package windows

import (
	"sort"
	"time"
)

// Interval is a stretch of time over which a window's percentage moved by a
// known amount: from one reading (or the window's start, when it is 0% by
// definition) to a later reading of the same run of the window.
type Interval struct {
	Window     string
	From, To   time.Time
	UsedFrom   float64
	UsedTo     float64
	ResetsAt   time.Time
	FromStart  bool // From is the window's start, not a reading
	WindowSpan time.Duration
}

// Points is how many percentage points the window moved over the interval.
func (iv Interval) Points() float64 { return iv.UsedTo - iv.UsedFrom }

// MinPoints is the least movement an interval must show to be an
// observation. Percentages arrive rounded (often to whole points), so a
// one-point step is mostly rounding; several points average it out, and the
// scatter between intervals, which the band measures, carries the rest.
const MinPoints = 3

// Intervals cuts each run of each window in readings into consecutive
// intervals of at least minPoints percentage points. A run starts at its
// reset time less the window's length, at 0%: the first interval of a run
// goes from there when the history saw the run from its start or caught it
// early (the first reading under minPoints), so no tokens before the first
// reading are lost. Readings lower than an earlier one of the same run are
// late copies and are skipped; readings of windows whose length is unknown
// or without a reset time give no intervals.
func Intervals(readings []Reading, minPoints float64) []Interval {
	byWindow := map[string][]Reading{}
	var names []string
	for _, r := range readings {
		if Length(r.Window) == 0 || r.ResetsAt.IsZero() {
			continue
		}
		if _, ok := byWindow[r.Window]; !ok {
			names = append(names, r.Window)
		}
		byWindow[r.Window] = append(byWindow[r.Window], r)
	}
	sort.Strings(names)
	var out []Interval
	for _, name := range names {
		rs := byWindow[name]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].At.Before(rs[j].At) })
		for _, run := range runs(rs) {
			out = append(out, cut(run, minPoints)...)
		}
	}
	return out
}

// runs splits one window's readings, sorted by time, into runs of the same
// reset time, each rising: a reading lower than the run's highest so far is
// dropped, and so is one taken after the run reset.
func runs(rs []Reading) [][]Reading {
	var out [][]Reading
	for _, r := range rs {
		if !r.At.Before(r.ResetsAt) {
			continue
		}
		n := len(out)
		if n > 0 && sameInstance(out[n-1][0], r) {
			last := out[n-1][len(out[n-1])-1]
			if r.Used >= last.Used {
				out[n-1] = append(out[n-1], r)
			}
			continue
		}
		out = append(out, []Reading{r})
	}
	return out
}

// cut makes the intervals of one run.
func cut(run []Reading, minPoints float64) []Interval {
	first := run[0]
	span := Length(first.Window)
	start := first.ResetsAt.Add(-span)
	from := Interval{Window: first.Window, From: start, ResetsAt: first.ResetsAt, FromStart: true, WindowSpan: span}
	if first.Used >= minPoints || first.At.Before(start) {
		// The run was caught late: what came before the first reading is
		// not known to be in the logs' reach of this history.
		from = Interval{Window: first.Window, From: first.At, UsedFrom: first.Used, ResetsAt: first.ResetsAt, WindowSpan: span}
	}
	var out []Interval
	for _, r := range run {
		if !r.At.After(from.From) || r.Used-from.UsedFrom < minPoints {
			continue
		}
		iv := from
		iv.To, iv.UsedTo = r.At, r.Used
		out = append(out, iv)
		from = Interval{Window: r.Window, From: r.At, UsedFrom: r.Used, ResetsAt: r.ResetsAt, WindowSpan: span}
	}
	return out
}
