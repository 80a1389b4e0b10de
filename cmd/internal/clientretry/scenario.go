package clientretry

import (
	"net/http"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
)

// Scenario is one scripted error to show a client, several times.
type Scenario struct {
	Name string
	// Status, Header and ErrorCode make the error answer.
	Status    int
	Header    map[string]string
	ErrorCode string
	// Errors answers come before a success; 0 answers errors only, so the
	// run shows when the client gives up.
	Errors int
	// Env and Args are extra client environment and arguments; Runs how
	// often to repeat.
	Env  map[string]string
	Args []string
	Runs int
}

// reply is the scenario's error answer for the fake.
func (s Scenario) reply() fakeapi.Reply {
	r := fakeapi.Reply{Status: s.Status, ErrorCode: s.ErrorCode}
	if s.ErrorCode == "enforced_spend_limit_reached" {
		r = fakeapi.SpendCapReached()
	}
	for k, v := range s.Header {
		r = r.WithHeader(k, v)
	}
	return r
}

// options script the fake: Errors error answers, then successes; or errors
// only.
func (s Scenario) options() fakeapi.Options {
	if s.Errors == 0 {
		return fakeapi.Options{Then: s.reply()}
	}
	script := make([]fakeapi.Reply, s.Errors)
	for i := range script {
		script[i] = s.reply()
	}
	return fakeapi.Options{Script: script}
}

func header(kv ...string) map[string]string {
	h := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		h[kv[i]] = kv[i+1]
	}
	return h
}

// SDKScenarios are the TypeScript SDK's measurements. Its default budget
// (2 retries, waits under 2 s) keeps most of them to seconds; the 20 s and
// 61 s retry-after cases take one wait each.
func SDKScenarios() []Scenario {
	const rl, ov, ise = http.StatusTooManyRequests, fakeapi.StatusOverloaded, http.StatusInternalServerError
	return []Scenario{
		{Name: "429-no-retry-after", Status: rl, Runs: 10},
		{Name: "429-retry-after-2", Status: rl, Header: header("retry-after", "2"), Runs: 3},
		{Name: "429-retry-after-20", Status: rl, Header: header("retry-after", "20"), Errors: 1, Runs: 2},
		{Name: "429-retry-after-61", Status: rl, Header: header("retry-after", "61"), Errors: 1, Runs: 1},
		{Name: "429-retry-after-ms-1500", Status: rl, Header: header("retry-after-ms", "1500", "retry-after", "5"), Errors: 1, Runs: 2},
		{Name: "429-should-retry-false", Status: rl, Header: header("x-should-retry", "false"), Runs: 2},
		{Name: "429-spend-cap", Status: rl, ErrorCode: "enforced_spend_limit_reached", Runs: 2},
		{Name: "529-overloaded", Status: ov, Runs: 5},
		{Name: "500-api-error", Status: ise, Runs: 5},
		{Name: "429-stream", Status: rl, Errors: 2, Env: header("SDK_STREAM", "1"), Runs: 3},
		{Name: "429-max-retries-6", Status: rl, Env: header("SDK_MAX_RETRIES", "6"), Runs: 2},
		{Name: "400-invalid-request", Status: http.StatusBadRequest, Errors: 1, Runs: 1},
		{Name: "400-should-retry-true", Status: http.StatusBadRequest, Header: header("x-should-retry", "true"), Errors: 2, Runs: 2},
	}
}

// ClaudeCodeScenarios are Claude Code's measurements. Errors-only runs
// take about three minutes each (ten retries, waits capped near 32 s), so
// the jitter of the early retries is sampled with shorter scripts.
func ClaudeCodeScenarios() []Scenario {
	const rl, ov, ise = http.StatusTooManyRequests, fakeapi.StatusOverloaded, http.StatusInternalServerError
	return []Scenario{
		{Name: "429-no-retry-after", Status: rl, Runs: 2},
		{Name: "429-no-retry-after-early", Status: rl, Errors: 5, Runs: 6},
		{Name: "429-retry-after-2", Status: rl, Header: header("retry-after", "2"), Runs: 2},
		{Name: "429-retry-after-20", Status: rl, Header: header("retry-after", "20"), Errors: 2, Runs: 2},
		{Name: "429-retry-after-61", Status: rl, Header: header("retry-after", "61"), Errors: 1, Runs: 1},
		{Name: "429-retry-after-ms-1500", Status: rl, Header: header("retry-after-ms", "1500"), Errors: 3, Runs: 2},
		{Name: "429-should-retry-false", Status: rl, Header: header("x-should-retry", "false"), Errors: 3, Runs: 2},
		{Name: "429-spend-cap", Status: rl, ErrorCode: "enforced_spend_limit_reached", Runs: 1},
		{Name: "529-overloaded", Status: ov, Runs: 2},
		{Name: "529-overloaded-early", Status: ov, Errors: 5, Runs: 4},
		{Name: "529-overloaded-sonnet", Status: ov, Errors: 5, Args: []string{"--model", "claude-sonnet-4-5"}, Runs: 3},
		{Name: "500-api-error", Status: ise, Runs: 1},
		{Name: "429-max-retries-3", Status: rl, Env: header("CLAUDE_CODE_MAX_RETRIES", "3"), Runs: 2},
	}
}
