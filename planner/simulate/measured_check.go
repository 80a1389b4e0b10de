package simulate

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Measurement slack: a measured wait runs from the end of the fake's answer
// to the next request's arrival, so it includes the client's own work
// between the two (reading the error, logging the retry, rebuilding a 50 KB
// request) and scheduling delays on a busy machine: up to 0.28 s over the
// timer was seen with four Claude Code runs at once on a loaded two-core
// machine. A wait is never shorter than its timer.
const (
	MeasuredEarlySlack = 5 * time.Millisecond
	MeasuredLateSlack  = 300 * time.Millisecond
)

// retryBudgetEnv is the setting, per client, that a measurement uses to
// change the retry budget: Claude Code's own variable, and the variable
// the SDK measurement's script turns into maxRetries.
var retryBudgetEnv = map[string]string{"claude-code": "CLAUDE_CODE_MAX_RETRIES", "sdk": "SDK_MAX_RETRIES"}

// Answer is the error answer the scenario scripted, as a policy reads it.
// A model whose name holds "opus" makes an Opus answer.
func (s MeasuredScenario) Answer() (Answer, error) {
	a := Answer{Status: s.Status, ShouldRetry: s.Header["x-should-retry"], Opus: strings.Contains(s.Model, "opus")}
	for _, h := range []struct {
		name string
		unit time.Duration
		dst  *time.Duration
	}{{"retry-after", time.Second, &a.RetryAfter}, {"retry-after-ms", time.Millisecond, &a.RetryAfterMSHeader}} {
		v, ok := s.Header[h.name]
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= 0 && f <= 1e9) {
			return a, fmt.Errorf("scenario %q: %s %q is not a number of %s", s.Name, h.name, v, h.unit)
		}
		*h.dst = time.Duration(f * float64(h.unit))
	}
	return a, nil
}

// PolicyFor is the policy that should explain a scenario: the client's
// named policy, with the retry budget the scenario's environment set.
func PolicyFor(client string, s MeasuredScenario) (Policy, error) {
	p, err := PolicyNamed(client)
	if err != nil {
		return p, err
	}
	if v, ok := s.Env[retryBudgetEnv[client]]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, fmt.Errorf("scenario %q: %s=%q is not a retry count", s.Name, retryBudgetEnv[client], v)
		}
		p.MaxRetries = n
	}
	return p, nil
}

// Disagreements lists where the measured runs leave the policy: a run that
// retried more or fewer times than the policy before giving up (or
// succeeding), or a wait outside the policy's window for that retry,
// widened by the measurement slack. None means the policy explains the
// scenario.
func (p Policy) Disagreements(s MeasuredScenario) ([]string, error) {
	a, err := s.Answer()
	if err != nil {
		return nil, err
	}
	sch := p.Schedule(a)
	want, succeeds := len(sch.Retries), false
	if s.Errors > 0 && s.Errors <= want {
		want, succeeds = s.Errors, true
	}
	var out []string
	for i, r := range s.Runs {
		if len(r.DelaysS) != want || r.Succeeded != succeeds {
			out = append(out, fmt.Sprintf("%s run %d: %d retries (succeeded %v); the policy says %d (%v)",
				s.Name, i+1, len(r.DelaysS), r.Succeeded, want, succeeds))
			continue
		}
		for n, d := range r.DelaysS {
			got, w := time.Duration(d*float64(time.Second)), sch.Retries[n]
			if got < w.Min-MeasuredEarlySlack || got > w.Max+MeasuredLateSlack {
				out = append(out, fmt.Sprintf("%s run %d retry %d: waited %.3fs, the policy says %.3f–%.3fs",
					s.Name, i+1, n+1, d, w.Min.Seconds(), w.Max.Seconds()))
			}
		}
	}
	return out, nil
}
