package simulate

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/simulate"
)

// showPolicySchemaVersion versions --show-policy's JSON contract.
const showPolicySchemaVersion = 1

// showPolicyFlags may go with --show-policy: the retry flags tune the
// policy shown, --retry-after picks the 429s it answers.
var showPolicyFlags = append([]string{"show-policy", "retry-after"}, retryFlags...)

// showPolicyReport is a policy's retry schedule after a run of 429s.
type showPolicyReport struct {
	SchemaVersion int     `json:"schema_version"`
	Policy        string  `json:"policy"`
	MaxRetries    int     `json:"max_retries"`
	RetryAfterS   float64 `json:"retry_after_s"`
	Backoff       string  `json:"backoff"`
	RetryAfter    string  `json:"retry_after"`
	// GivesUp says when the client stops: after its last retry, or at once.
	GivesUp   string            `json:"gives_up"`
	Retries   []showPolicyRetry `json:"retries"`
	TotalMinS float64           `json:"total_min_s"`
	TotalMaxS float64           `json:"total_max_s"`
}

type showPolicyRetry struct {
	Retry     int     `json:"retry"`
	MinDelayS float64 `json:"min_delay_s"`
	MaxDelayS float64 `json:"max_delay_s"`
}

// checkShowPolicyFlags refuses, among the flags the user gave, what
// --show-policy cannot use, and --retry-after without it: the simulated API
// sets its own retry-after.
func checkShowPolicyFlags(o Options, changed []string) error {
	if o.ShowPolicy == "" {
		if slices.Contains(changed, "retry-after") {
			return cmdutil.UsageErrorf("--retry-after goes with --show-policy only: a simulation's 429s carry the retry-after their buckets give")
		}
		return nil
	}
	for _, name := range changed {
		if !slices.Contains(showPolicyFlags, name) {
			return cmdutil.UsageErrorf("--show-policy prints a policy's schedule and runs no simulation: drop --%s", name)
		}
	}
	if o.RetryAfter < 0 {
		return cmdutil.UsageErrorf("--retry-after must not be negative, not %s", o.RetryAfter)
	}
	return nil
}

// showPolicyRun prints the schedule of the policy --show-policy names, with
// the retry flags' overrides, after 429s carrying --retry-after.
func showPolicyRun(o *Options) error {
	if err := checkSimulateFlags(*o); err != nil {
		return err
	}
	p, err := simulate.PolicyNamed(o.ShowPolicy)
	if err != nil {
		return cmdutil.UsageErrorf("--show-policy: %s", err)
	}
	if p.Kind == simulate.NoRetry {
		for _, name := range retryFlags {
			if o.RetryFlagsSet[name] {
				return cmdutil.UsageErrorf("--%s has no effect with --show-policy none (calls are never retried)", name)
			}
		}
	}
	if p, err = policyFromFlags(p.Kind.String(), *o); err != nil {
		return err
	}
	return o.App.Write(showPolicyOutput(newShowPolicyReport(p, o.RetryAfter)))
}

func newShowPolicyReport(p simulate.Policy, retryAfter time.Duration) *showPolicyReport {
	s := p.Schedule(simulate.RateLimited(retryAfter))
	rep := &showPolicyReport{SchemaVersion: showPolicySchemaVersion, Policy: s.Policy, MaxRetries: s.MaxRetries,
		RetryAfterS: retryAfter.Seconds(), Backoff: p.BackoffRule(), RetryAfter: p.RetryAfterRule(),
		Retries: []showPolicyRetry{}, TotalMinS: s.MinTotal.Seconds(), TotalMaxS: s.MaxTotal.Seconds()}
	for _, w := range s.Retries {
		rep.Retries = append(rep.Retries, showPolicyRetry{Retry: w.Retry, MinDelayS: w.Min.Seconds(), MaxDelayS: w.Max.Seconds()})
	}
	rep.GivesUp = "at once: " + s.GiveUpAtOnce
	if len(s.Retries) > 0 {
		retries := "retries"
		if len(s.Retries) == 1 {
			retries = "retry"
		}
		rep.GivesUp = fmt.Sprintf("after %d %s, %s to %s after the first 429", len(s.Retries), retries,
			seconds(rep.TotalMinS), seconds(rep.TotalMaxS))
	}
	return rep
}

// showPolicyOutput is the schedule in every format: a header and a table of
// retries; CSV and JSON carry the numbers unrounded.
func showPolicyOutput(rep *showPolicyReport) render.Report {
	grid := func(raw bool) render.Grid {
		g := render.Grid{Header: []string{"retry", "min wait", "max wait"}, RightAlign: []bool{true, true, true}}
		if raw {
			g.Header = []string{"retry", "min_delay_s", "max_delay_s"}
		}
		for _, r := range rep.Retries {
			lo, hi := seconds(r.MinDelayS), seconds(r.MaxDelayS)
			if raw {
				lo, hi = strconv.FormatFloat(r.MinDelayS, 'f', -1, 64), strconv.FormatFloat(r.MaxDelayS, 'f', -1, 64)
			}
			g.Rows = append(g.Rows, []string{strconv.Itoa(r.Retry), lo, hi})
		}
		return g
	}
	return render.Report{
		Model: rep,
		CSV:   func() render.Grid { return grid(true) },
		Text: func(buf *render.Page) error {
			md := buf.MD
			after := "without a retry-after"
			if rep.RetryAfterS > 0 {
				after = "with retry-after " + seconds(rep.RetryAfterS)
			}
			render.Summary(buf, fmt.Sprintf("Retry policy %s after 429s %s", rep.Policy, after), []string{
				"backoff (n = 0 before the first retry, U uniform in [0, 1)): " + rep.Backoff,
				"retry-after v: " + rep.RetryAfter,
				"gives up " + rep.GivesUp,
			}, md)
			if len(rep.Retries) == 0 {
				return nil
			}
			return render.Section(buf, "Wait before each retry", grid(false))
		},
	}
}
