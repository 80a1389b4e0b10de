package statusline

import (
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// Status is what the status line says, worked out from one input at one
// time. Each part is nil or empty when the input did not have what it
// needs.
type Status struct {
	// Model is the model's display name, else its id (raw: escape it).
	Model       string
	Context     *Context
	SessionCost *tiers.Money
	// Windows are the subscription windows with their pace, five_hour and
	// seven_day first, then the per-model weekly ones.
	Windows []Window
}

// Context is the session's context: how much of the window the last
// request filled, and how much is left before Claude Code compacts.
type Context struct {
	Used, Size int64
	Percent    float64 // Used of Size
	// CompactAt is where auto-compaction starts: the window less Claude
	// Code's margin (planner.DefaultCompactionMargin).
	CompactAt     int64
	LeftToCompact int64
}

// Window is one official window at a time.
type Window struct {
	Name     string
	Used     float64 // percent used; may pass 100
	ResetsAt time.Time
	// Elapsed is the share of the window's time gone, in percent: the pace
	// at which use would just last to the reset. Known only when the
	// window's length and reset time are.
	Elapsed    float64
	HasElapsed bool
	// RunOutAt is when use at the window's average pace so far would reach
	// 100%, when that comes before the reset; zero otherwise.
	RunOutAt time.Time
	// Limited says the window is used up (100% or more).
	Limited bool
}

// Ahead reports whether use runs ahead of time: more used than elapsed.
func (w Window) Ahead() bool { return w.HasElapsed && w.Used > w.Elapsed }

// minElapsedShare is how much of a window must have passed before a
// run-out time is projected: a burst in a window's first minutes says
// little about its end.
const minElapsedShare = 0.05

// Compute works out the status of an input at now.
func Compute(in Input, now time.Time) Status {
	s := Status{Model: in.ModelName}
	if s.Model == "" {
		s.Model = in.ModelID
	}
	if in.SessionCostUSD != nil {
		m := tiers.Dollars(*in.SessionCostUSD)
		s.SessionCost = &m
	}
	s.Context = contextOf(in.Context)
	for _, name := range windowOrder(in.Windows) {
		w, _ := in.Window(name)
		if w.UsedPercentage == nil {
			continue
		}
		s.Windows = append(s.Windows, pace(w, now))
	}
	return s
}

// windowOrder puts five_hour and seven_day first, the others after them in
// name order.
func windowOrder(ws []WindowInput) []string {
	var first, rest []string
	for _, w := range ws {
		if w.Name == windows.FiveHour || w.Name == windows.SevenDay {
			first = append(first, w.Name)
		} else {
			rest = append(rest, w.Name)
		}
	}
	if len(first) == 2 && first[0] != windows.FiveHour {
		first[0], first[1] = first[1], first[0]
	}
	return append(first, rest...)
}

// contextOf reads the context from current_usage, else from
// used_percentage; nil without a window size.
func contextOf(c ContextInput) *Context {
	if c.Size == nil || *c.Size <= 0 {
		return nil
	}
	ctx := &Context{Size: *c.Size}
	switch {
	case c.Current != nil:
		ctx.Used = *c.Current
	case c.UsedPercentage != nil:
		ctx.Used = int64(*c.UsedPercentage * float64(ctx.Size) / 100)
	default:
		return nil
	}
	ctx.Percent = 100 * float64(ctx.Used) / float64(ctx.Size)
	ctx.CompactAt = max(ctx.Size-planner.DefaultCompactionMargin, ctx.Size/2)
	ctx.LeftToCompact = max(ctx.CompactAt-ctx.Used, 0)
	return ctx
}

// pace works out a window's elapsed share and run-out time at now.
func pace(in WindowInput, now time.Time) Window {
	w := Window{Name: in.Name, Used: *in.UsedPercentage, ResetsAt: in.ResetsAt, Limited: *in.UsedPercentage >= 100}
	length := windows.Length(in.Name)
	if length == 0 || in.ResetsAt.IsZero() {
		return w
	}
	start := in.ResetsAt.Add(-length)
	elapsed := min(max(now.Sub(start), 0), length)
	w.Elapsed, w.HasElapsed = 100*float64(elapsed)/float64(length), true
	if w.Limited || w.Used <= 0 || float64(elapsed) < minElapsedShare*float64(length) {
		return w
	}
	// At the average rate so far, 100% is reached after elapsed·100/used.
	full := time.Duration(float64(elapsed) * 100 / w.Used)
	if at := start.Add(full); at.Before(in.ResetsAt) {
		w.RunOutAt = at
	}
	return w
}
