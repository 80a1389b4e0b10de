package planner

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/planner/session"
	"github.com/tierplan/tierplan/tiers"
)

// Resolved is a workload with every default applied and every value
// checked, split into its model parts: what plan, cost and simulate all read.
type Resolved struct {
	// Workload is the inputs with their defaults (the model-dependent ones
	// from the first part's model), as reports echo them.
	Workload Workload
	Parts    []ResolvedPart
	Team     day.Team
	Window   time.Duration
	// Notes say where a value was derived or adjusted.
	Notes []string
}

// ResolvedPart is one model's share of the sessions, with its session.
type ResolvedPart struct {
	Model tiers.Model
	Share float64 // of all sessions
	Spec  session.Spec
}

// Resolve applies a workload's defaults once and checks it against the tier
// table: the model (or mix), each model's compaction threshold and speed,
// the session's shape, length and timing, and the day. Errors name the
// user's own settings.
func Resolve(w Workload, t *tiers.Table) (Resolved, error) {
	var r Resolved
	if w.Model == "" {
		w.Model = DefaultModelOf(t)
		if w.Model != DefaultModel && len(w.Mix) == 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("the tier table has no %s model: planned on its first model, %s (choose with --model)", DefaultModel, w.Model))
		}
	}
	if err := validateMix(w.Mix); err != nil {
		return r, fmt.Errorf("mix: %w", err)
	}
	w, notes, err := canonicalModels(w, t)
	if err != nil {
		return r, err
	}
	r.Notes = append(r.Notes, notes...)
	if w.Fast && w.BatchShare > 0 {
		return r, fmt.Errorf("fast mode has no Batch API: give --batch 0 (or leave it out) with --fast")
	}
	if _, inMix := w.Mix[w.Model]; len(w.Mix) > 0 && w.Model != DefaultModel && !inMix {
		return r, fmt.Errorf("model %s is not in the mix (%s): give either a model or a mix", w.Model, mixNames(w))
	}
	w = withDefaults(w)
	if err := w.validate(); err != nil {
		return r, err
	}
	echo := w
	for i, ms := range w.Shares() {
		m, err := LookupModel(t, ms.Model)
		if err != nil {
			return r, err
		}
		if w.Fast {
			fm, note, err := fastMode(t, m)
			if err != nil {
				return r, err
			}
			m = fm
			r.Notes = append(r.Notes, note)
		}
		spec, notes, err := resolveSpec(w, m)
		if err != nil {
			if len(w.Mix) > 0 {
				return r, fmt.Errorf("%s: %w", m.Name, err)
			}
			return r, err
		}
		r.Parts = append(r.Parts, ResolvedPart{Model: m, Share: ms.Share, Spec: spec})
		r.Notes = append(r.Notes, notes...)
		if i == 0 {
			echo = echoPart(w, spec)
		}
	}
	r.Workload = echo
	r.Window = time.Duration(w.WindowS * float64(time.Second))
	r.Team = day.Team{
		Devs: w.Devs, SessionsPerDay: w.SessionsPerDay, Hours: time.Duration(w.HoursPerDay * float64(time.Hour)),
		Arrival: w.Arrival, Overlap: w.Overlap, Seed: w.Seed,
	}
	if err := checkDaySize(r); err != nil {
		return r, err
	}
	return r, nil
}

// withDefaults sets every zero field that does not depend on the model.
func withDefaults(w Workload) Workload {
	set := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	if w.Name == "" {
		w.Name = "default"
	}
	set(&w.SessionsPerDay, DefaultSessionsPerDay)
	if w.TokensPerSession == 0 && w.CallsPerSession == 0 {
		w.TokensPerSession = DefaultTokensPerSession
	}
	if w.Devs == 0 {
		w.Devs = 1
	}
	set(&w.HoursPerDay, DefaultHoursPerDay)
	set(&w.DaysPerMonth, DefaultDaysPerMonth)
	if w.PrefixTokens == 0 {
		w.PrefixTokens = DefaultPrefixTokens
	}
	if w.CacheTTL == 0 {
		w.CacheTTL = DefaultCacheTTL
	}
	if w.MaxTokens == 0 {
		w.MaxTokens = DefaultMaxTokens
	}
	set(&w.CallsPerTurn, DefaultCallsPerTurn)
	set(&w.ToolTimeS, DefaultToolTime.Seconds())
	set(&w.PauseS, DefaultPause.Seconds())
	set(&w.WindowS, DefaultWindow.Seconds())
	set(&w.Headroom, DefaultHeadroom)
	if w.Seed == 0 {
		w.Seed = DefaultSeed
	}
	return w
}

// echoPart copies the first part's derived values into the workload the
// report echoes, so its inputs read complete.
func echoPart(w Workload, s session.Spec) Workload {
	w.CompactAt, w.CompactTo = s.Shape.CompactAt, s.Shape.CompactTo
	if w.TokensPerSession == 0 { // --calls alone: the tokens its calls add up to
		upTo, next := s.Shape.Totals(s.Length.Calls)
		w.TokensPerSession = upTo + int64(math.Round(s.Length.Extra*float64(next)))
	}
	w.GrowthPerCall = round(s.Shape.Growth, 2)
	w.OutputPerCall = s.Shape.Output
	w.FirstTokenS = s.Timing.FirstToken.Seconds()
	w.OutputPerSecond = s.Timing.OutputPerSecond
	w.ToolTimeS = s.Timing.ToolTime.Seconds()
	return w
}

func mixNames(w Workload) string {
	var names []string
	for _, s := range w.Shares() {
		names = append(names, s.Model)
	}
	return strings.Join(names, ", ")
}

// checkDaySize refuses a day too large to run through the buckets call by
// call.
func checkDaySize(r Resolved) error {
	longest := 0
	for _, p := range r.Parts {
		longest = max(longest, p.Spec.Length.Longest()+p.Spec.Length.Longest()/4)
	}
	sessions := r.Team.Count()
	if float64(sessions)*float64(longest) > MaxDayCalls {
		return fmt.Errorf("a day of %s sessions of about %s calls is more than the %s calls tierplan runs through the buckets: plan a share of the team (fewer --devs) and scale",
			tiers.GroupDigits(int64(sessions)), tiers.GroupDigits(int64(longest)), tiers.GroupDigits(MaxDayCalls))
	}
	return nil
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
