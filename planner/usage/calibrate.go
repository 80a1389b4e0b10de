package usage

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/tiers"
)

// Calibration is a workload derived from real logs, with the observations
// it stands on, so a plan can start from what was done instead of guesses.
// One machine's logs are one developer's: Devs is 1.
type Calibration struct {
	Sessions   int `json:"sessions"`
	ActiveDays int `json:"active_days"`
	// SpanDays counts calendar days from the first call to the last.
	SpanDays             int     `json:"span_days"`
	SessionsPerActiveDay float64 `json:"sessions_per_active_day"`
	// Tokens per session, all four kinds, subagent work included:
	// nearest-rank percentiles.
	TokensP50 int64 `json:"tokens_per_session_p50"`
	TokensP90 int64 `json:"tokens_per_session_p90"`
	CallsP50  int   `json:"calls_per_session_p50"`
	CallsP90  int   `json:"calls_per_session_p90"`
	// PaceP50 is calls per active minute (a minute with at least one call)
	// of the median session.
	PaceP50 float64 `json:"pace_p50"`
	// PrefixP50 is the median context of a session's first main-thread
	// call: system prompt, tools and memory files before any work.
	PrefixP50 int64 `json:"prefix_tokens_p50"`
	// HoursPerActiveDay is the median time from a day's first call to its
	// last, at least an hour.
	HoursPerActiveDay float64 `json:"hours_per_active_day"`
	// ActiveDaysPerMonth scales active days over the span to a month; zero
	// when the logs cover less than MinSpanDaysForMonth days, or when the
	// result is under MinActiveDaysPerMonth (a stray timestamp years away
	// stretches the span until hardly any day of it is active).
	ActiveDaysPerMonth float64 `json:"active_days_per_month"`
	OutputShare        float64 `json:"output_share"`
	CacheReadShare     float64 `json:"cache_read_share"`
	// CacheWrite1hShare is the share of cache writes made with the 1-hour
	// TTL; at half or more the workload is planned with a 1-hour cache.
	CacheWrite1hShare float64 `json:"cache_write_1h_share"`
	// CacheMissShare is the share of a session's later main-thread calls
	// that rewrote most of their context (cache write over half of it):
	// the cache had expired, or a compaction had just happened. The
	// workloads do not take it: the time model makes its own misses from
	// the pauses; it is reported to compare.
	CacheMissShare float64 `json:"cache_miss_share"`
	// GrowthPerCall is the mean growth of the context from one main-thread
	// call to the next (drops at compaction left out), and OutputPerCall
	// the mean output of a main-thread call: with the prefix, the shape of
	// the workloads, whose calls then follow from their token totals.
	GrowthPerCall float64 `json:"growth_per_call"`
	OutputPerCall int64   `json:"output_per_call"`
	// ModelMix is the share of sessions per table model, by each session's
	// main model (the one with most tokens).
	ModelMix []planner.ModelShare `json:"model_mix"`
	// UnknownModelSessions are sessions whose main model the table does not
	// know; they are left out of the mix.
	UnknownModelSessions int `json:"unknown_model_sessions"`
	// Typical plans the median session; Heavy the 90th-percentile one.
	Typical planner.Workload `json:"typical"`
	Heavy   planner.Workload `json:"heavy"`
	// Notes say where a derived value was adjusted to make a workload that
	// can exist.
	Notes []string `json:"notes,omitempty"`
}

// MinSpanDaysForMonth is the shortest history from which active days per
// month are extrapolated; below it the planner's default stands.
const MinSpanDaysForMonth = 7

// MinActiveDaysPerMonth is the smallest derived active days per month that
// is used; the planner refuses fewer, so below it its default stands.
const MinActiveDaysPerMonth = 1

// sessionStats is what calibration needs of one session.
type sessionStats struct {
	start         time.Time
	tokens        int64
	calls         int
	activeMinutes int
	prefix        int64 // context of the first main-thread call; -1 if none
	modelTokens   map[string]int64
	laterCalls    int // main-thread calls after the first
	coldCalls     int // of those, calls that rewrote most of their context
	lastContext   int64
	growth        int64 // summed growth of the context from call to call (drops left out)
	growthSteps   int
	mainOutput    int64 // output of the main-thread calls
	mainCalls     int
}

// Calibrate derives a workload from read logs. loc decides which calendar
// day a session belongs to. It is an error when the logs hold no calls.
func Calibrate(data *Data, table *tiers.Table, loc *time.Location) (Calibration, error) {
	if loc == nil {
		loc = time.UTC
	}
	var c Calibration
	entries := data.Entries()
	if len(entries) == 0 {
		return c, errors.New("the logs hold no API calls to calibrate from")
	}
	p := newPricer(table)
	sessions := collectSessions(entries)
	c.Sessions = len(sessions)

	var tokens, calls []int64
	var paces []float64
	var prefixes []int64
	days := map[string]bool{}
	mix := map[string]int{}
	later, cold := 0, 0
	var growth, output int64
	steps, mainCalls := 0, 0
	for _, s := range sessions {
		later += s.laterCalls
		cold += s.coldCalls
		growth += s.growth
		steps += s.growthSteps
		output += s.mainOutput
		mainCalls += s.mainCalls
		tokens = append(tokens, s.tokens)
		calls = append(calls, int64(s.calls))
		paces = append(paces, float64(s.calls)/float64(s.activeMinutes))
		if s.prefix >= 0 {
			prefixes = append(prefixes, s.prefix)
		}
		days[s.start.In(loc).Format("2006-01-02")] = true
		if m, ok := p.model(MainModel(s.modelTokens)); ok {
			mix[m.Name]++
		} else {
			c.UnknownModelSessions++
		}
	}
	if later > 0 {
		c.CacheMissShare = float64(cold) / float64(later)
	}
	if steps > 0 {
		c.GrowthPerCall = float64(growth) / float64(steps)
	}
	if mainCalls > 0 {
		c.OutputPerCall = output / int64(mainCalls)
	}
	c.ActiveDays = len(days)
	c.SessionsPerActiveDay = float64(c.Sessions) / float64(c.ActiveDays)
	c.TokensP50, c.TokensP90 = percentile(tokens, 0.5), percentile(tokens, 0.9)
	c.CallsP50, c.CallsP90 = int(percentile(calls, 0.5)), int(percentile(calls, 0.9))
	c.PaceP50 = percentileFloat(paces, 0.5)
	if len(prefixes) > 0 {
		c.PrefixP50 = percentile(prefixes, 0.5)
	}
	first, last := entries[0].Time.In(loc), entries[len(entries)-1].Time.In(loc)
	c.SpanDays = calendarDays(first, last)
	c.HoursPerActiveDay = dayHours(entries, loc)
	if c.SpanDays >= MinSpanDaysForMonth {
		perMonth := math.Min(31, float64(c.ActiveDays)/float64(c.SpanDays)*365.25/12)
		if round(perMonth, 1) >= MinActiveDaysPerMonth {
			c.ActiveDaysPerMonth = perMonth
		}
	}
	var all Tokens
	for i := range entries {
		all.Add(entries[i].Tokens)
	}
	if total := all.Total(); total > 0 {
		c.OutputShare = float64(all.Output) / float64(total)
		c.CacheReadShare = float64(all.CacheRead) / float64(total)
	}
	if w := all.CacheWrite(); w > 0 {
		c.CacheWrite1hShare = float64(all.CacheWrite1h) / float64(w)
	}
	c.ModelMix = mixShares(mix)
	c.Typical = c.workload("logs-typical", c.TokensP50, all)
	c.Heavy = c.workload("logs-heavy", c.TokensP90, all)
	return c, nil
}

// workload turns the observations into a planner workload: the session's
// shape (prefix, growth and output per call) measured, its size the token
// total, so its calls follow from them and the workload is consistent by
// construction. What the logs cannot tell (compaction threshold,
// max_tokens, the turns and pauses of the time model, headroom) keeps the
// planner's defaults.
func (c *Calibration) workload(name string, tokens int64, all Tokens) planner.Workload {
	w := planner.Workload{
		Name:             name,
		SessionsPerDay:   round(c.SessionsPerActiveDay, 2),
		TokensPerSession: tokens,
		Devs:             1,
		PrefixTokens:     c.PrefixP50,
		GrowthPerCall:    round(c.GrowthPerCall, 0),
		OutputPerCall:    c.OutputPerCall,
		DaysPerMonth:     round(c.ActiveDaysPerMonth, 1),
		NoCache:          all.CacheWrite()+all.CacheRead == 0,
		CacheTTL:         planner.DefaultCacheTTL,
	}
	if w.GrowthPerCall < float64(w.OutputPerCall) {
		w.GrowthPerCall = float64(w.OutputPerCall) // the context holds every answer
	}
	output := w.OutputPerCall
	if output == 0 {
		output = planner.DefaultOutputPerCall
	}
	// The model's first call sends the prefix: the measured first context.
	w.PrefixTokens = c.PrefixP50
	first := c.PrefixP50
	if first == 0 {
		first = planner.DefaultPrefixTokens
	}
	// A session is at least its first call.
	if least := first + output; w.TokensPerSession < least {
		c.note(fmt.Sprintf("%s: the sessions' %s tokens are less than the typical first call (%s with its output): planned as one call of %s",
			name, tiers.GroupDigits(w.TokensPerSession), tiers.GroupDigits(least), tiers.GroupDigits(least)))
		w.TokensPerSession = least
	}
	if c.HoursPerActiveDay > 0 {
		w.HoursPerDay = round(c.HoursPerActiveDay, 1)
	}
	if c.CacheWrite1hShare >= 0.5 {
		w.CacheTTL = time.Hour
	}
	if len(c.ModelMix) > 0 {
		w.Model = c.ModelMix[0].Model
	}
	if len(c.ModelMix) > 1 {
		w.Mix = map[string]float64{}
		for _, m := range c.ModelMix {
			w.Mix[m.Model] = round(m.Share, 4)
		}
	}
	return w
}

func (c *Calibration) note(s string) { c.Notes = append(c.Notes, s) }

// collectSessions folds time-sorted entries into per-session statistics,
// in order of first call.
func collectSessions(entries []Entry) []*sessionStats {
	byID := map[string]*sessionStats{}
	var order []*sessionStats
	minutes := map[string]map[int64]bool{}
	for i := range entries {
		e := &entries[i]
		s := byID[e.SessionID]
		if s == nil {
			s = &sessionStats{start: e.Time, prefix: -1, modelTokens: map[string]int64{}}
			byID[e.SessionID] = s
			order = append(order, s)
			minutes[e.SessionID] = map[int64]bool{}
		}
		s.calls++
		s.tokens = addSat(s.tokens, e.Tokens.Total())
		s.modelTokens[e.Model] = addSat(s.modelTokens[e.Model], e.Tokens.Total())
		if !e.Sidechain && !e.Subagent {
			ctx := e.Tokens.Context()
			if s.prefix < 0 {
				s.prefix = ctx
			} else {
				s.laterCalls++
				if 2*e.Tokens.CacheWrite() > ctx {
					s.coldCalls++
				}
				if ctx >= s.lastContext {
					s.growth += ctx - s.lastContext
					s.growthSteps++
				}
			}
			s.lastContext = ctx
			s.mainOutput += e.Tokens.Output
			s.mainCalls++
		}
		minutes[e.SessionID][e.Time.Unix()/60] = true
	}
	for id, s := range byID {
		s.activeMinutes = len(minutes[id])
	}
	return order
}
