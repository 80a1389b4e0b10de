package planner

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/tiers"
)

// SweepSpec is a range of sessions per day or tokens per session to plan
// at, step by step.
type SweepSpec struct {
	Param string // "sessions" or "tokens"
	From  float64
	To    float64
	Step  float64
}

// MaxSweepSteps bounds a sweep so a typo cannot run for an hour.
const MaxSweepSteps = 1_000

// ParseSweep reads "sessions=1..60", "tokens=100k..2M" or either with a
// step after a colon ("tokens=100k..2M:100k"). Sessions step by 1 by
// default, tokens in 20 even steps.
func ParseSweep(s string) (SweepSpec, error) {
	param, rng, ok := strings.Cut(s, "=")
	param = strings.TrimSpace(strings.ToLower(param))
	if !ok || (param != "sessions" && param != "tokens") {
		return SweepSpec{}, fmt.Errorf("%q: expected sessions=FROM..TO or tokens=FROM..TO", s)
	}
	rng, stepText, hasStep := strings.Cut(rng, ":")
	fromText, toText, ok := strings.Cut(rng, "..")
	if !ok {
		return SweepSpec{}, fmt.Errorf("%q: the range needs two dots, as in 1..60", s)
	}
	read := func(x string) (float64, error) {
		if param == "tokens" {
			v, err := ParseQuantity(x)
			return float64(v), err
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%q is not a number", x)
		}
		return v, nil
	}
	spec := SweepSpec{Param: param}
	var err error
	if spec.From, err = read(fromText); err != nil {
		return SweepSpec{}, err
	}
	if spec.To, err = read(toText); err != nil {
		return SweepSpec{}, err
	}
	switch {
	case spec.From <= 0:
		return SweepSpec{}, fmt.Errorf("%q: the range must start above 0", s)
	case spec.To < spec.From:
		return SweepSpec{}, fmt.Errorf("%q: the range ends before it starts", s)
	case param == "sessions" && spec.To > bounds["sessions"].max:
		return SweepSpec{}, fmt.Errorf("%q: sessions a day go up to %s", s, groupedLimit(bounds["sessions"].max))
	case param == "tokens" && spec.To > MaxTokensPerSession:
		return SweepSpec{}, fmt.Errorf("%q: tokens a session go up to %s", s, tiers.GroupDigits(MaxTokensPerSession))
	}
	switch {
	case hasStep:
		if spec.Step, err = read(stepText); err != nil {
			return SweepSpec{}, err
		}
	case param == "sessions":
		spec.Step = 1
	default:
		spec.Step = math.Max(1, math.Round((spec.To-spec.From)/19))
	}
	if spec.Step <= 0 {
		return SweepSpec{}, fmt.Errorf("%q: the step must be above 0", s)
	}
	if n := (spec.To-spec.From)/spec.Step + 1; n > MaxSweepSteps {
		return SweepSpec{}, fmt.Errorf("%q: %.0f steps; at most %d", s, n, MaxSweepSteps)
	}
	return spec, nil
}

// Values lists the sweep's points, the end included. It stops where a step
// no longer moves the value (a step below the floating-point spacing).
func (s SweepSpec) Values() []float64 {
	var out []float64
	for i := 0; i <= MaxSweepSteps; i++ {
		v := s.From + float64(i)*s.Step
		if v > s.To+1e-9*math.Max(1, s.To) || i > 0 && v <= out[len(out)-1] {
			break
		}
		out = append(out, v)
	}
	if last := out[len(out)-1]; last < s.To-1e-9*math.Max(1, s.To) {
		out = append(out, s.To)
	}
	return out
}

// Sweep is the cost of every option at each step.
type Sweep struct {
	Param   string      `json:"param"`
	Options []string    `json:"options"`
	Steps   []SweepStep `json:"steps"`
}

// SweepStep is one point of a sweep.
type SweepStep struct {
	Value   float64      `json:"value"`
	Options []StepOption `json:"options"`
	// Cheapest is the cheapest option that fits at this step.
	Cheapest *string `json:"cheapest"`
}

// StepOption is one option's cost and verdict at a step.
type StepOption struct {
	Name        string      `json:"name"`
	MonthlyCost tiers.Money `json:"monthly_cost_usd"`
	Verdict     Verdict     `json:"verdict"`
}

// RunSweep plans the workload at every point of the sweep (API options net
// of opt.Subscriber's credits, as in the cost report).
func RunSweep(w Workload, t *tiers.Table, spec SweepSpec, opt Options) (Sweep, error) {
	sw := Sweep{Param: spec.Param}
	for i, v := range spec.Values() {
		x := w
		if spec.Param == "sessions" {
			x.SessionsPerDay = v
		} else {
			x.TokensPerSession = int64(math.Round(v))
		}
		wp, err := PlanWorkload(x, t, Options{Subscriber: opt.Subscriber})
		if err != nil {
			return Sweep{}, fmt.Errorf("at %s=%s: %w", spec.Param, strconv.FormatFloat(v, 'f', -1, 64), err)
		}
		step := SweepStep{Value: v, Cheapest: wp.Recommendation.Tier}
		for _, r := range wp.Results {
			step.Options = append(step.Options, StepOption{r.Name, r.MonthlyCost, r.Verdict})
			if i == 0 {
				sw.Options = append(sw.Options, r.Name)
			}
		}
		sw.Steps = append(sw.Steps, step)
	}
	return sw, nil
}
