// Package windows keeps the history of a subscription's official usage
// windows (the 5-hour and weekly percentages Claude Code hands its status
// line) and measures from it what one percent of each window holds, by
// joining the percentages' changes with the tokens the logs recorded over
// the same intervals.
//
// Anthropic publishes no allowance in tokens or dollars; the percentages are
// the only official figure, and a user's own logs are the only record of
// what moved them. Together they give a measured allowance with an
// uncertainty band that narrows as observations accumulate.
//
// The package never prints and never reads the clock: callers pass the time.
// The history file is read and appended to here, under a lock shared with
// every other process that records.
package windows

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Window names, as Claude Code's status-line input names them.
const (
	FiveHour = "five_hour"
	SevenDay = "seven_day"
)

// Length is how long a window runs: five hours for five_hour, a week for
// seven_day and its per-model variants (seven_day_opus, …); zero for a name
// tierplan does not know.
func Length(window string) time.Duration {
	switch {
	case window == FiveHour:
		return 5 * time.Hour
	case window == SevenDay || strings.HasPrefix(window, SevenDay+"_"):
		return 7 * 24 * time.Hour
	}
	return 0
}

// Reading is one official reading of a window: how much of it was used
// (a percentage, which may pass 100) at a time, and when it resets.
type Reading struct {
	At     time.Time
	Window string
	// Used is the percentage used, rounded to hundredths.
	Used float64
	// ResetsAt is when the window resets; zero when the input had none.
	ResetsAt time.Time
}

// maxPercent bounds a reading: a window far past its limit still reads a
// few hundred percent, and a larger number is not a reading but garbage.
const maxPercent = 100_000

// ValidWindowName reports whether name can be kept in the history: a short
// lower-case identifier such as five_hour or seven_day_opus.
func ValidWindowName(name string) bool {
	if name == "" || len(name) > 40 {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// NewReading checks and rounds a reading taken from outside; ok is false
// when it cannot be kept (no such window name, a percentage that is not a
// number or out of range, no time).
func NewReading(at time.Time, window string, used float64, resetsAt time.Time) (Reading, bool) {
	if at.IsZero() || !ValidWindowName(window) || math.IsNaN(used) || used < 0 || used > maxPercent {
		return Reading{}, false
	}
	r := Reading{At: at.Truncate(time.Second).UTC(), Window: window, Used: math.Round(used*100) / 100}
	if !resetsAt.IsZero() && resetsAt.Unix() > 0 {
		r.ResetsAt = resetsAt.Truncate(time.Second).UTC()
	}
	return r, true
}

// sameInstance reports whether two readings of one window belong to the
// same run of it (the same reset time, give or take a few minutes of the
// server rounding it differently).
func sameInstance(a, b Reading) bool {
	if a.ResetsAt.IsZero() || b.ResetsAt.IsZero() {
		return a.ResetsAt.IsZero() && b.ResetsAt.IsZero()
	}
	d := a.ResetsAt.Sub(b.ResetsAt)
	return d > -resetSlack && d < resetSlack
}

// resetSlack is how far two reset times of one window instance may differ.
const resetSlack = 5 * time.Minute

// The history file is text, one reading a line:
//
//	<unix seconds> <window> <percent used> <reset, unix seconds or 0>
//
// so a line is about 40 bytes, a partial line left by a crash is
// recognisably broken, and a person can read the file.

// formatLine is a reading as one line of the history file.
func formatLine(r Reading) string {
	reset := int64(0)
	if !r.ResetsAt.IsZero() {
		reset = r.ResetsAt.Unix()
	}
	return fmt.Sprintf("%d %s %s %d\n", r.At.Unix(), r.Window, strconv.FormatFloat(r.Used, 'f', -1, 64), reset)
}

// parseLine reads one line of the history file (without its newline);
// ok is false for a line that is not a reading (a header, a partial line).
func parseLine(line string) (Reading, bool) {
	f := strings.Fields(line)
	if len(f) != 4 || strings.HasPrefix(line, "#") {
		return Reading{}, false
	}
	at, err1 := strconv.ParseInt(f[0], 10, 64)
	used, err2 := strconv.ParseFloat(f[2], 64)
	reset, err3 := strconv.ParseInt(f[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || at <= 0 || reset < 0 || at > maxUnix || reset > maxUnix {
		return Reading{}, false
	}
	var resetsAt time.Time
	if reset > 0 {
		resetsAt = time.Unix(reset, 0)
	}
	return NewReading(time.Unix(at, 0), f[1], used, resetsAt)
}

// maxUnix is the year 9999: later times are not readings.
const maxUnix = 253402300799
