package planner

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// bound is the range a numeric setting may take. A zero that would mean
// "use the default" is refused when written out, so a user who writes 0 is
// told, not silently given the default.
type bound struct {
	min, max     float64
	minExclusive bool
}

// bounds are the ranges of the numeric settings. The upper ends keep a
// typo from running for hours: a session of more than 100,000 calls or ten
// billion tokens, or a team of more than a million developers, is not a
// workload anyone plans.
var bounds = map[string]bound{
	"sessions":          {0, 10_000, true},
	"tokens":            {0, 10_000_000_000, true},
	"devs":              {0, 1_000_000, true},
	"calls":             {0, 100_000, true},
	"growth":            {0, 10_000_000, true},
	"output-per-call":   {0, 10_000_000, true},
	"calls-per-turn":    {1, 1_000_000, false},
	"tool-time":         {0, 86_400, true},
	"pause":             {0, 86_400, true},
	"first-token":       {0, 600, true},
	"tokens-per-second": {0, 100_000, true},
	"window":            {1, 3_600, false},
	"pace":              {0.001, 1_000, false}, // 0.001: a call every 16 h 40 min, within a day's tool time
	"hours":             {0, 24, true},
	"days":              {0, 31, true},
	"prefix":            {0, 10_000_000, true},
	"output-share":      {0, 0.99, true},
	"compact-at":        {0, 100_000_000, true},
	"compact-to":        {0, 100_000_000, true},
	"max-tokens":        {0, 10_000_000, true},
	"overlap":           {0, 1, true},
	"headroom":          {0, 1, true},
	"batch":             {0, 1, false},
	"cache-miss":        {0, 1, false},
}

// wholeNumbers are the settings counted in whole units.
var wholeNumbers = map[string]bool{"devs": true, "calls": true}

// checkBound reads a numeric setting's value and checks it against its
// range, so an out-of-range flag is refused at parse time, naming the flag.
func checkBound(key string, f WorkloadField, value string) error {
	b, ok := bounds[key]
	if !ok {
		return nil
	}
	var v float64
	if f.Type == "DURATION" {
		x, err := parseSeconds(value)
		if err != nil {
			return err
		}
		v = x
	} else if f.Type == "TOKENS" || wholeNumbers[key] {
		n, err := ParseQuantity(value)
		if err != nil {
			return err
		}
		v = float64(n)
	} else {
		x, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%q is not a number", value)
		}
		v = x
	}
	lo, hi := strconv.FormatFloat(b.min, 'g', -1, 64), groupedLimit(b.max)
	if f.Type == "DURATION" {
		lo, hi = secondsText(b.min), secondsText(b.max)
	}
	switch {
	case b.minExclusive && v <= b.min:
		return fmt.Errorf("%q: must be more than %s (leave it out for the default)", value, lo)
	case v < b.min:
		return fmt.Errorf("%q: must be at least %s", value, lo)
	case v > b.max:
		return fmt.Errorf("%q: must be at most %s", value, hi)
	}
	return nil
}

// secondsText writes a bound in seconds as a duration: "1s", "1h", "24h".
func secondsText(s float64) string {
	d := time.Duration(s * float64(time.Second))
	t := d.String()
	if strings.HasSuffix(t, "m0s") { // 10m0s → 10m, not 1
		t = strings.TrimSuffix(t, "0s")
	}
	if strings.HasSuffix(t, "h0m") { // 24h0m → 24h
		t = strings.TrimSuffix(t, "0m")
	}
	return t
}

func groupedLimit(f float64) string {
	if f >= 1000 {
		return tiers.GroupDigits(int64(f))
	}
	return trimFloat(f)
}

// SetWorkloadField sets one field by key; keys accept '_' for '-'.
func SetWorkloadField(w *Workload, key, value string) error {
	key = strings.ReplaceAll(key, "_", "-")
	for _, f := range WorkloadFields {
		if f.Key != key {
			continue
		}
		if err := checkBound(key, f, value); err != nil {
			return err
		}
		return f.set(w, value)
	}
	return fmt.Errorf("unknown key %q", key)
}
