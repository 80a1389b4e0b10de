package planner

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
	"gopkg.in/yaml.v3"
)

// MaxWorkloadFileSize bounds what ParseWorkloads reads; workload files are
// a few lines, and a limit keeps a wrong path from eating memory.
const MaxWorkloadFileSize = 1 << 20

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
	{"model", "model short name from the tier table (default sonnet)", func(w *Workload, s string) error { w.Model = strings.TrimSpace(s); return nil }, "NAME"},
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
	{"max-tokens", "max_tokens per call; counts where output is reserved (default 32k)", quantityField(func(w *Workload) *int64 { return &w.MaxTokens }), "TOKENS"},
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
}

// ParseMix reads "haiku=0.3,sonnet=0.6,opus=0.1" (shares may also be
// percentages: "haiku=30%"). The shares must add up to 1.
func ParseMix(w *Workload, s string) error {
	mix := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
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
	"pace":              {0, 1_000, true},
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
	lo, hi := trimFloat(b.min), groupedLimit(b.max)
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
	t = strings.TrimSuffix(strings.TrimSuffix(t, "0s"), "0m")
	if t == "" {
		return "0s"
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

// ParseWorkloads reads a workload file: either one workload as a mapping, or
// `workloads:` holding a list of them, each with a `name`. Every problem is
// reported at once, one per line, as "FILE:LINE: what is wrong".
func ParseWorkloads(name string, data []byte) ([]Workload, error) {
	if len(data) > MaxWorkloadFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d bytes; is it a workload file?", name, MaxWorkloadFileSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: file is empty; expected a workload (sessions:, tokens:, …)", name)
	}
	root := doc.Content[0]
	var errs problems
	var items []*yaml.Node
	switch {
	case root.Kind != yaml.MappingNode:
		errs.add(name, root.Line, "expected a mapping of workload settings or a 'workloads:' list")
	case hasKey(root, "workloads"):
		list := valueOf(root, "workloads")
		for i := 0; i+1 < len(root.Content); i += 2 {
			if k := root.Content[i]; k.Value != "workloads" {
				errs.add(name, k.Line, fmt.Sprintf("unknown key %q next to 'workloads'", k.Value))
			}
		}
		if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
			errs.add(name, list.Line, "'workloads' must be a non-empty list")
		} else {
			items = list.Content
		}
	default:
		items = []*yaml.Node{root}
	}
	var out []Workload
	seen := map[string]int{}
	for i, item := range items {
		w := decodeWorkload(name, item, &errs)
		if w.Name == "" {
			w.Name = fmt.Sprintf("workload-%d", i+1)
			if len(items) == 1 {
				w.Name = "default"
			}
		}
		if line, dup := seen[w.Name]; dup {
			errs.add(name, item.Line, fmt.Sprintf("duplicate workload name %q (first at line %d)", w.Name, line))
		}
		seen[w.Name] = item.Line
		out = append(out, w)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func decodeWorkload(file string, n *yaml.Node, errs *problems) Workload {
	var w Workload
	if n.Kind != yaml.MappingNode {
		errs.add(file, n.Line, "a workload must be a mapping of settings")
		return w
	}
	keys := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := keys[k.Value]; dup {
			errs.add(file, k.Line, fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, first))
			continue
		}
		keys[k.Value] = k.Line
		if v.Kind != yaml.ScalarNode {
			errs.add(file, v.Line, fmt.Sprintf("%s: expected a single value", k.Value))
			continue
		}
		if k.Value == "name" {
			w.Name = v.Value
			continue
		}
		if err := SetWorkloadField(&w, k.Value, v.Value); err != nil {
			if strings.HasPrefix(err.Error(), "unknown key") {
				errs.add(file, k.Line, fmt.Sprintf("%s (known: name, %s)", err, knownKeys()))
			} else {
				errs.add(file, v.Line, fmt.Sprintf("%s: %s", k.Value, err))
			}
		}
	}
	return w
}

func knownKeys() string {
	ks := make([]string, len(WorkloadFields))
	for i, f := range WorkloadFields {
		ks[i] = f.Key
	}
	return strings.Join(ks, ", ")
}

func hasKey(m *yaml.Node, key string) bool { return valueOf(m, key) != nil }

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// problems collects "FILE:LINE: message" errors so a file's every mistake
// is reported at once, in line order.
type problems struct{ list []problem }

type problem struct {
	line int
	msg  string
}

func (p *problems) add(file string, line int, msg string) {
	p.list = append(p.list, problem{line, fmt.Sprintf("%s:%d: %s", file, line, msg)})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].line < p.list[j].line })
	msgs := make([]string, len(p.list))
	for i, x := range p.list {
		msgs[i] = x.msg
	}
	return errors.New(strings.Join(msgs, "\n"))
}
