package planner

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tierplan/tierplan/planner/day"
)

// WorkloadField is one key of a workload file; the CLI flags of plan use the
// same names.
type WorkloadField struct {
	Key   string
	Usage string
	set   func(w *Workload, s string) error
	// Type names the value in help: N, TOKENS, SHARE, NAME, TTL, MIX.
	Type string
}

func quantityField(dst func(*Workload) *int64) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		v, err := ParseQuantity(s)
		if err != nil {
			return err
		}
		*dst(w) = v
		return nil
	}
}

func floatField(dst func(*Workload) *float64) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%q is not a number", s)
		}
		*dst(w) = v
		return nil
	}
}

func intField(dst func(*Workload) *int) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		v, err := ParseQuantity(s)
		if err != nil {
			return err
		}
		if v > 1<<31 {
			return fmt.Errorf("%q is too large", s)
		}
		*dst(w) = int(v)
		return nil
	}
}

// floatQuantityField reads a token count that may be fractional (a mean).
func floatQuantityField(dst func(*Workload) *float64) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		v, err := ParseQuantity(s)
		if err != nil {
			return err
		}
		*dst(w) = float64(v)
		return nil
	}
}

// durationField reads a duration ("8s", "3m", "1h30m") or a number of
// seconds into seconds.
func durationField(dst func(*Workload) *float64) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		v, err := parseSeconds(s)
		if err != nil {
			return err
		}
		*dst(w) = v
		return nil
	}
}

func parseSeconds(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseDuration(s); err == nil {
		return d.Seconds(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a duration (8s, 3m, 1h30m)", s)
	}
	return v, nil
}

func parseArrival(w *Workload, s string) error {
	a, err := day.ArrivalNamed(s)
	if err != nil {
		return fmt.Errorf("%q is not an arrival pattern (%s)", s, strings.Join(day.ArrivalNames(), ", "))
	}
	w.Arrival = a
	return nil
}

func seedField(w *Workload, s string) error {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || v == 0 {
		return fmt.Errorf("%q is not a seed (a whole number from 1)", s)
	}
	w.Seed = v
	return nil
}

// ParseCache reads "5m", "1h" or "off".
func ParseCache(w *Workload, s string) error {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "5m", "on", "true":
		w.NoCache, w.CacheTTL = false, 5*time.Minute
	case "1h":
		w.NoCache, w.CacheTTL = false, time.Hour
	case "off", "none", "false":
		w.NoCache = true
	default:
		return fmt.Errorf("%q is not a cache setting (5m, 1h or off)", s)
	}
	return nil
}

// WorkloadFields lists every workload setting with its key and help text.
var WorkloadFields = []WorkloadField{
	{"sessions", "sessions per developer per working day (default 8)", floatField(func(w *Workload) *float64 { return &w.SessionsPerDay }), "N"},
	{"tokens", "tokens per session, all four kinds: 800k, 1.5M (default 800k)", quantityField(func(w *Workload) *int64 { return &w.TokensPerSession }), "TOKENS"},
	{"model", "model short name from the tier table, or a model id (claude-sonnet-4-6) or version (opus-4.7) its match prefixes name (default sonnet)", func(w *Workload, s string) error { w.Model = strings.TrimSpace(s); return nil }, "NAME"},
	{"devs", "developers sharing the organisation's limits (default 1)", intField(func(w *Workload) *int { return &w.Devs }), "N"},
	{"calls", "work calls per session (default: as many as --tokens makes at --growth a call)", intField(func(w *Workload) *int { return &w.CallsPerSession }), "N"},
	{"growth", "context growth per call: the last answer plus new prompts and tool results (default 1k)", floatQuantityField(func(w *Workload) *float64 { return &w.GrowthPerCall }), "TOKENS"},
	{"output-per-call", "output tokens each call writes (default 475)", quantityField(func(w *Workload) *int64 { return &w.OutputPerCall }), "TOKENS"},
	{"output-share", "instead of --output-per-call: the share of a session's tokens that are output", floatField(func(w *Workload) *float64 { return &w.OutputShare }), "SHARE"},
	{"prefix", "the first call's context: system prompt, tools, memory, first prompt (default 18k)", quantityField(func(w *Workload) *int64 { return &w.PrefixTokens }), "TOKENS"},
	{"cache", "prompt cache: 5m, 1h or off (default 5m)", ParseCache, "TTL"},
	{"cache-miss", "share of later calls that miss the cache on top of the pauses that outlast it (default 0)", floatField(func(w *Workload) *float64 { return &w.CacheMissShare }), "SHARE"},
	{"compact-at", "context size that triggers compaction (default: min(window, 200k) - 33k)", quantityField(func(w *Workload) *int64 { return &w.CompactAt }), "TOKENS"},
	{"compact-to", "context size after compaction (default: prefix + 10k)", quantityField(func(w *Workload) *int64 { return &w.CompactTo }), "TOKENS"},
	{"max-tokens", "max_tokens per call; counts where output is reserved (default 128k)", quantityField(func(w *Workload) *int64 { return &w.MaxTokens }), "TOKENS"},
	{"calls-per-turn", "calls in a turn of the tool loop, on average (default 10)", floatField(func(w *Workload) *float64 { return &w.CallsPerTurn }), "N"},
	{"tool-time", "mean tool time between the calls of a turn (default 3s)", durationField(func(w *Workload) *float64 { return &w.ToolTimeS }), "DURATION"},
	{"pause", "mean human pause between turns (default 3m)", durationField(func(w *Workload) *float64 { return &w.PauseS }), "DURATION"},
	{"first-token", "time to a call's first token (default: the model's, from the tier table)", durationField(func(w *Workload) *float64 { return &w.FirstTokenS }), "DURATION"},
	{"tokens-per-second", "output speed of the model (default: the model's, from the tier table)", floatField(func(w *Workload) *float64 { return &w.OutputPerSecond }), "N"},
	{"pace", "calls a minute inside a turn; sets the tool time (default: what the time model gives)", floatField(func(w *Workload) *float64 { return &w.Pace }), "N"},
	{"hours", "working hours per day (default 8)", floatField(func(w *Workload) *float64 { return &w.HoursPerDay }), "N"},
	{"days", "working days per month (default 21)", floatField(func(w *Workload) *float64 { return &w.DaysPerMonth }), "N"},
	{"arrival", "how sessions start: spread, poisson or standup (default spread)", parseArrival, "ARRIVAL"},
	{"overlap", "share of developers whose first session starts at the start of the day (1 = a stand-up)", floatField(func(w *Workload) *float64 { return &w.Overlap }), "SHARE"},
	{"window", "enforcement window of the per-minute limits: a bucket holds limit × window/60s (default 60s)", durationField(func(w *Workload) *float64 { return &w.WindowS }), "DURATION"},
	{"seed", "seed of the day's draws; plan and simulate run the same day for the same seed (default 1)", seedField, "N"},
	{"headroom", "utilisation above which a limit is tight (default 0.8)", floatField(func(w *Workload) *float64 { return &w.Headroom }), "SHARE"},
	{"mix", "model mix by share of sessions, e.g. haiku=0.3,sonnet=0.6,opus=0.1", ParseMix, "MIX"},
	{"batch", "share of the work sent through the Batch API, 0-1 (default 0)", floatField(func(w *Workload) *float64 { return &w.BatchShare }), "SHARE"},
	{"fast", "fast mode: the model's fast-mode prices and its own rate-limit pool (its limits are not published)", boolField(func(w *Workload) *bool { return &w.Fast }), "bool"},
}

// boolField reads true or false (also yes/no, on/off, 1/0).
func boolField(dst func(*Workload) *bool) func(*Workload, string) error {
	return func(w *Workload, s string) error {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "on", "1":
			*dst(w) = true
		case "false", "no", "off", "0":
			*dst(w) = false
		default:
			return fmt.Errorf("%q is not true or false", s)
		}
		return nil
	}
}

// ParseMix reads "haiku=0.3,sonnet=0.6,opus=0.1" (shares may also be
// percentages: "haiku=30%"). The shares must add up to 1.
func ParseMix(w *Workload, s string) error {
	mix := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
			// A name is printed as given in later messages: no control
			// characters, so an error stays one line and cannot restyle
			// the terminal.
			return fmt.Errorf("%q is not model=share", part)
		}
		val = strings.TrimSpace(val)
		scale := 1.0
		if strings.HasSuffix(val, "%") {
			val, scale = strings.TrimSuffix(val, "%"), 0.01
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%s: %q is not a share", name, val)
		}
		if _, dup := mix[name]; dup {
			return fmt.Errorf("%s appears twice", name)
		}
		mix[name] = f * scale
	}
	if err := validateMix(mix); err != nil {
		return err
	}
	w.Mix = mix
	return nil
}
