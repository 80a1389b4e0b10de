package simulate

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner"
	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
)

// simulateSchemaVersion versions simulate's JSON contract.
const simulateSchemaVersion = 1

// simulateReport is simulate's one report model; every format renders it.
// The run's result is inlined, so attempted, succeeded, abandoned,
// rejected_429 and wait_p50_s … sit at the top level of the JSON.
type simulateReport struct {
	SchemaVersion int            `json:"schema_version"`
	TiersSource   string         `json:"tiers_source"`
	TiersAsOf     string         `json:"tiers_as_of"`
	Tier          string         `json:"tier"`
	Model         string         `json:"model"`
	Pool          string         `json:"pool"`
	Limits        simulateLimits `json:"limits"`
	// Pools lists every pool the workload draws on with its limits; Pool
	// and Limits are the first's (the only one without a model mix).
	Pools           []simulatePool    `json:"pools"`
	Workload        planner.Workload  `json:"inputs"`
	Session         simulateSession   `json:"session"`
	Settings        simulateSettings  `json:"simulation"`
	simulate.Result                   // the run (with --runs, the first seed's)
	Compare         []simulate.Result `json:"compare_retries,omitempty"`
	Runs            *runsReport       `json:"runs,omitempty"`
	Notes           []string          `json:"notes"`
}

// simulateLimits are the pool's limits on the tier and what each bucket
// holds at the chosen window.
type simulateLimits struct {
	RPM            int64              `json:"rpm,omitempty"`
	ITPM           int64              `json:"itpm,omitempty"`
	OTPM           int64              `json:"otpm,omitempty"`
	TPM            int64              `json:"tpm,omitempty"`
	TokensPerDay   int64              `json:"tokens_per_day,omitempty"`
	RequestsPerDay int64              `json:"requests_per_day,omitempty"`
	SpendCap       *tiers.Money       `json:"monthly_spend_cap_usd,omitempty"`
	BucketHolds    map[string]float64 `json:"bucket_capacity"`
}

// simulatePool is one pool's limits and the models of the workload on it.
type simulatePool struct {
	Pool   string         `json:"pool"`
	Models []string       `json:"models"`
	Limits simulateLimits `json:"limits"`
}

// simulateSession summarises the modelled session the sim replays (the first
// model's, with a mix).
type simulateSession struct {
	Calls          float64 `json:"calls"`
	Compactions    int     `json:"compactions"`
	FirstContext   int64   `json:"first_context"`
	LargestContext int64   `json:"largest_context"`
	Tokens         int64   `json:"tokens"`
	MeanLatencyS   float64 `json:"mean_latency_s"`
}

// simulateSettings records every knob of the run, so a JSON report can be
// reproduced.
type simulateSettings struct {
	Policy           string      `json:"policy"`
	MaxRetries       int         `json:"max_retries"`
	RetryBaseS       float64     `json:"retry_base_s"`
	RetryCapS        float64     `json:"retry_cap_s"`
	HonourRetryAfter bool        `json:"honour_retry_after"`
	RetryAfterJitter float64     `json:"retry_after_jitter_s"`
	WindowS          float64     `json:"window_s"`
	Arrival          string      `json:"arrival"`
	DayStart         string      `json:"day_start"`
	Days             int         `json:"days"`
	Seed             uint64      `json:"seed"`
	FirstTokenS      float64     `json:"first_token_s"`
	TokensPerSecond  float64     `json:"tokens_per_second"`
	CallsPerTurn     float64     `json:"calls_per_turn"`
	ToolTimeS        float64     `json:"tool_time_s"`
	PauseS           float64     `json:"pause_s"`
	ResumeAfterS     float64     `json:"resume_after_s"`
	CacheTTLS        float64     `json:"cache_ttl_s"`
	TokenSpread      float64     `json:"token_spread"`
	SpentBefore      tiers.Money `json:"spent_before_usd"`
}

// runsReport is the spread of key metrics over --runs.
type runsReport struct {
	Count       int                     `json:"count"`
	TokenSpread float64                 `json:"token_spread"`
	Metrics     []simulate.MetricSpread `json:"metrics"`
}

func newSimulateReport(t *tiers.Table, cfg simulate.Config) *simulateReport {
	r := cfg.Workload
	rep := &simulateReport{
		SchemaVersion: simulateSchemaVersion, TiersSource: t.Origin, Tier: cfg.Tier.Name,
		Workload: r.Workload, Notes: []string{},
	}
	if !t.AsOf.IsZero() {
		rep.TiersAsOf = t.AsOf.Format(time.DateOnly)
	}
	var models []string
	for _, pool := range simulate.Pools(cfg) {
		sp := simulatePool{Pool: pool, Limits: limitsOf(cfg, pool)}
		for _, p := range r.Parts {
			if p.Model.Pool == pool {
				sp.Models = append(sp.Models, p.Model.Name)
				models = append(models, p.Model.Name)
			}
		}
		rep.Pools = append(rep.Pools, sp)
	}
	rep.Model, rep.Pool, rep.Limits = strings.Join(models, ", "), rep.Pools[0].Pool, rep.Pools[0].Limits
	spec := r.Parts[0].Spec
	calls := spec.Shape.Calls(spec.Length.Longest())
	rep.Session = simulateSession{Calls: render.Round(spec.Length.Mean(), 2), FirstContext: calls[0].Context}
	var latency int64
	for _, c := range calls {
		rep.Session.LargestContext = max(rep.Session.LargestContext, c.Context)
		if c.Compaction {
			rep.Session.Compactions++
		}
		latency += spec.Timing.LatencyMs(c.Output)
	}
	rep.Session.MeanLatencyS = render.Round(float64(latency)/float64(len(calls))/1000, 3)
	upTo, next := spec.Shape.Totals(spec.Length.Calls)
	rep.Session.Tokens = upTo + int64(math.Round(spec.Length.Extra*float64(next)))
	p, tm := cfg.Policy, spec.Timing
	rep.Settings = simulateSettings{
		Policy: p.Kind.String(), MaxRetries: p.MaxRetries, RetryBaseS: p.Base.Seconds(), RetryCapS: p.Cap.Seconds(),
		HonourRetryAfter: p.HonourRetryAfter, RetryAfterJitter: p.RetryAfterJitter.Seconds(),
		WindowS: r.Window.Seconds(), Arrival: r.Team.Arrival.String(), DayStart: clock(cfg.DayStart),
		Days: cfg.Days, Seed: r.Team.Seed, FirstTokenS: tm.FirstToken.Seconds(), TokensPerSecond: tm.OutputPerSecond,
		CallsPerTurn: tm.CallsPerTurn, ToolTimeS: tm.ToolTime.Seconds(), PauseS: tm.Pause.Seconds(),
		ResumeAfterS: cfg.ResumeAfter.Seconds(), CacheTTLS: spec.Shape.Cache.TTL().Seconds(), TokenSpread: cfg.TokenSpread,
		SpentBefore: cfg.SpentBefore,
	}
	return rep
}

// limitsOf is one pool's limits on the run's tier, with what each bucket
// holds at the run's window.
func limitsOf(cfg simulate.Config, pool string) simulateLimits {
	l := cfg.Tier.Limits[pool]
	out := simulateLimits{RPM: l.RPM, ITPM: l.ITPM, OTPM: l.OTPM, TPM: l.TPM,
		TokensPerDay: l.TokensPerDay, RequestsPerDay: l.RequestsPerDay, BucketHolds: map[string]float64{}}
	if cfg.Tier.HasSpendCap {
		c := cfg.Tier.MonthlySpendCap
		out.SpendCap = &c
	}
	for name, v := range map[string]int64{"rpm": l.RPM, "itpm": l.ITPM, "otpm": l.OTPM, "tpm": l.TPM} {
		if v > 0 {
			out.BucketHolds[name] = render.Round(float64(v)*cfg.Workload.Window.Seconds()/60, 2)
		}
	}
	return out
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// addNotes explains what a reader could misread in the numbers.
func (r *simulateReport) addNotes(cfg simulate.Config) {
	if r.FirstRejection != nil {
		fr := r.FirstRejection
		at := time.Duration(fr.AtS * float64(time.Second))
		r.Notes = append(r.Notes, fmt.Sprintf("the first 429 came on day %d at %02d:%02d:%02d, at call %d of its session",
			fr.Day, int(at.Hours()), int(at.Minutes())%60, int(at.Seconds())%60, fr.Call))
	}
	if n := r.RejectedBy["request_size"]; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%s calls were larger than a per-minute limit itself and can never pass, however long they wait: lower the compaction threshold (--compact-at) or use a tier with larger limits",
			tiers.GroupDigits(n)))
	}
	if n := r.RejectedBy["monthly_spend"]; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("the monthly spend cap of %s was reached: %s 429s, retries included (the cap's 429 carries no retry-after, so clients retry on their backoff, which cannot help before the 1st of the month); each session it hit stopped when its client gave up",
			r.Limits.SpendCap, tiers.GroupDigits(n)))
	}
	if n := r.RejectedBy["daily_tokens"] + r.RejectedBy["daily_requests"]; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("a daily quota ran out: %s 429s until midnight, retries included (no retry-after, so clients retry on their backoff); each session it hit stopped when its client gave up", tiers.GroupDigits(n)))
	}
	for _, c := range r.Compare {
		if strings.HasSuffix(c.Policy, noRetryAfter) {
			r.Notes = append(r.Notes, "every simulated per-minute 429 carries a retry-after; most policies that honour it sleep exactly that long (claude-code spreads it by up to 25% and never waits less than its backoff), so their own backoff formula never runs and such rows can be identical: the rows marked (no retry-after) ignore the header and show each formula")
			break
		}
	}
	incomplete := r.IncompleteSessions
	for _, c := range r.Compare {
		incomplete = max(incomplete, c.IncompleteSessions)
	}
	if incomplete > 0 {
		r.Notes = append(r.Notes, "sessions that lost a call (abandoned after their retries, or stopped by a quota or the spend cap) did less work than unthrottled: the working day and the \"longer\" figures count only the sessions that completed every call")
	}
	if w := cfg.Workload.Window; w < time.Minute {
		r.Notes = append(r.Notes, fmt.Sprintf("window %s: each bucket holds %s of its per-minute limit; a call larger than its bucket passes only when the bucket is full, and leaves it in debt",
			w, render.Pct(w.Minutes())))
	}
}

// seconds renders a duration given in seconds the way people read one:
// "0s", "0.44s", "12.3s", "4m 05s", "6h 12m".
func seconds(s float64) string {
	switch {
	case s == 0:
		return "0s"
	case s < 10:
		return fmt.Sprintf("%.3gs", s)
	case s < 60 && s == math.Trunc(s):
		return fmt.Sprintf("%.0fs", s)
	case s < 60:
		return fmt.Sprintf("%.1fs", s)
	case s < 3600:
		return fmt.Sprintf("%dm %02ds", int(s)/60, int(s)%60)
	}
	return fmt.Sprintf("%dh %02dm", int(s)/3600, int(s)%3600/60)
}
