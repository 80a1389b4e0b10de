package diagnose

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// fixtureNow is the clock of the fixture tests: the day of the
// subscription fixtures, 15:12:04 UTC (16:12 in Berlin, 07:12 in Los
// Angeles).
var fixtureNow = time.Date(2026, 11, 17, 15, 12, 4, 0, time.UTC)

// fixtureVerdicts gives every fixture's verdict, with the instant work can
// resume worked out by hand.
var fixtureVerdicts = []struct {
	file      string
	kind      Kind
	limit     Limit
	provider  string
	resume    string // RFC 3339, "" for none
	from      string
	retryable *bool
}{
	{"http-rate-limit-itpm.txt", KindRateLimit, LimitITPM, "anthropic", "2026-04-14T10:00:27Z", fromRetryAfter, &yes},
	{"http-overloaded.txt", KindOverloaded, LimitNone, "anthropic", "2026-04-14T10:00:10Z", fromRetryAfter, &yes},
	{"http-ok.txt", KindOK, LimitNone, "anthropic", "", "", nil},
	// 2026-12-17 23:59:59 → the 1st of January.
	{"http-spend-cap.txt", KindSpendCap, LimitNone, "anthropic", "2027-01-01T00:00:00Z", fromMonth, &no},
	{"http-spend-limit.txt", KindSpendLimit, LimitNone, "anthropic", "2026-05-01T00:00:00Z", fromMessage, &no},
	{"http-auth-via-proxy.txt", KindAuth, LimitNone, "anthropic", "", "", &no},
	// No date header: retry-after 4 s from now.
	{"http-truncated.txt", KindRateLimit, LimitUnknown, "", "2026-11-17T15:12:08Z", fromRetryAfter, &yes},
	// The 5h window resets at 1794938400 = 18:00:00 UTC.
	{"http-subscription-5h.txt", KindSubscriptionLimit, LimitWindow5h, "anthropic", "2026-11-17T18:00:00Z", fromWindow, &no},
	{"http-subscription-warning.txt", KindOK, LimitNone, "anthropic", "", "", nil},
	// retry-after 2 s beats the tokens bucket's 1.342 s: what the server asked for.
	{"http-openai-tpm.txt", KindRateLimit, LimitTokens, "openai", "2026-04-14T10:00:02Z", fromRetryAfter, &yes},
	{"curl-verbose-spend-limit.txt", KindSpendLimit, LimitNone, "anthropic", "2026-05-01T00:00:00Z", fromMessage, &no},
	// 7d resets at 1795075200 = 2026-11-19 08:00 UTC.
	{"header-lines-weekly.txt", KindSubscriptionLimit, LimitWeekly, "anthropic", "2026-11-19T08:00:00Z", fromWindow, &no},
	{"header-equals-rpm.txt", KindRateLimit, LimitRPM, "anthropic", "2026-04-14T10:00:02Z", fromRetryAfter, &yes},
	{"json-headers-otpm.txt", KindRateLimit, LimitOTPM, "anthropic", "2026-04-14T10:00:08Z", fromRetryAfter, &yes},
	// 7d_oi resets at 1783364400 = 2026-07-06 19:00 UTC.
	{"json-headers-weekly-model.txt", KindSubscriptionLimit, LimitWeeklyModel, "anthropic", "2026-07-06T19:00:00Z", fromWindow, &no},
	{"json-body-too-large.txt", KindTooLarge, LimitNone, "anthropic", "", "", &no},
	// Midnight Pacific after 15:12 UTC (07:12 PST) is 2026-11-18 08:00 UTC.
	{"json-body-gemini-daily.txt", KindRateLimit, LimitDailyRequests, "gemini", "2026-11-18T08:00:00Z", fromDailyReset, &no},
	{"json-body-openai-quota.txt", KindBilling, LimitCredits, "openai", "", "", &no},
	{"json-error-daily-tokens.txt", KindRateLimit, LimitDailyTokens, "anthropic", "", "", &no},
	{"har-tokens.txt", KindRateLimit, LimitTokens, "anthropic", "2026-04-14T10:00:41Z", fromRetryAfter, &yes},
	{"error-line-invalid.txt", KindInvalidRequest, LimitNone, "anthropic", "", "", &no},
	{"log-line-other.txt", KindOther, LimitNone, "anthropic", "", "", &yes},
	{"status-json-concurrency.txt", KindRateLimit, LimitUnknown, "anthropic", "", "", &yes},
	{"claude-code-api-error-wrapped.txt", KindRateLimit, LimitOTPM, "anthropic", "", "", &yes},
	{"claude-code-rejected.txt", KindRateLimit, LimitITPM, "anthropic", "", "", &yes},
	// 18:00 in Berlin (UTC+1 in November) = 17:00 UTC, later today.
	{"claude-code-limit-line.txt", KindSubscriptionLimit, LimitUnknown, "anthropic", "2026-11-17T17:00:00Z", fromMessage, &no},
	// No zone: read in Options.Local, UTC here; 02:00 is tomorrow.
	{"claude-code-5h-line.txt", KindSubscriptionLimit, LimitWindow5h, "anthropic", "2026-11-18T02:00:00Z", fromMessage, &no},
	// 21:00 in Los Angeles (UTC−8) = 05:00 UTC the next day.
	{"claude-code-out-of-extra-usage.txt", KindBilling, LimitExtraUsage, "anthropic", "2026-11-18T05:00:00Z", fromMessage, &no},
	{"claude-code-server-throttle.txt", KindOverloaded, LimitNone, "anthropic", "", "", &yes},
	{"python-sdk-rpm.txt", KindRateLimit, LimitRPM, "anthropic", "2026-04-14T10:00:02Z", fromRetryAfter, &yes},
	{"node-sdk-otpm.txt", KindRateLimit, LimitOTPM, "anthropic", "2026-04-14T10:00:12Z", fromRetryAfter, &yes},
	{"go-response-itpm.txt", KindRateLimit, LimitITPM, "anthropic", "2026-04-14T10:00:09Z", fromRetryAfter, &yes},
	{"json-string-credits.txt", KindBilling, LimitCredits, "anthropic", "", "", &no},
	{"json-string-errors-extra-usage.txt", KindBilling, LimitExtraUsage, "anthropic", "", "", &no},
}

func diagnoseFixture(t testing.TB, name string) Diagnosis {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pastes", name))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := paste.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return Diagnose(resp, Options{Now: fixtureNow, Table: testTable(), LoadLocation: time.LoadLocation})
}

func TestFixtureVerdicts(t *testing.T) {
	for _, tc := range fixtureVerdicts {
		t.Run(tc.file, func(t *testing.T) {
			d := diagnoseFixture(t, tc.file)
			if d.Kind != tc.kind || d.Limit != tc.limit || d.Provider != tc.provider {
				t.Errorf("%s/%q from %q, want %s/%q from %q: %s", d.Kind, d.Limit, d.Provider, tc.kind, tc.limit, tc.provider, d.Verdict)
			}
			got := ""
			if d.ResumeAt != nil {
				got = d.ResumeAt.Format(time.RFC3339)
			}
			if got != tc.resume || d.ResumeFrom != tc.from {
				t.Errorf("resume_at %q from %q, want %q from %q", got, d.ResumeFrom, tc.resume, tc.from)
			}
			if (d.Retryable == nil) != (tc.retryable == nil) || (d.Retryable != nil && *d.Retryable != *tc.retryable) {
				t.Errorf("retryable %v, want %v", d.Retryable, tc.retryable)
			}
		})
	}
}

// TestEveryFixtureHasAVerdict keeps the table complete.
func TestEveryFixtureHasAVerdict(t *testing.T) {
	listed := map[string]bool{}
	for _, tc := range fixtureVerdicts {
		listed[tc.file] = true
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "pastes", "*.txt"))
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no expected verdict in fixtureVerdicts", f)
		}
	}
	kinds := map[Kind]bool{}
	for _, tc := range fixtureVerdicts {
		kinds[tc.kind] = true
	}
	for k := range validKinds {
		if !kinds[k] {
			t.Errorf("no fixture gives the verdict %s", k)
		}
	}
}

// TestFirstAdviceFitsTheVerdict: hours for a plan's window, the reset day
// for quotas and spend limits, "do not retry" for billing.
func TestFirstAdviceFitsTheVerdict(t *testing.T) {
	tests := []struct{ file, want string }{
		{"http-subscription-5h.txt", "your 5-hour window resets at 2026-11-17 18:00 UTC (in 2 h 47 min)"},
		{"header-lines-weekly.txt", "your weekly limit (all models) resets at 2026-11-19 08:00 UTC (in 10 h 30 min)"},
		{"json-body-gemini-daily.txt", "the daily request quota resets at 2026-11-18 08:00 UTC"},
		{"http-spend-limit.txt", "requests fail until 2026-05-01 00:00 UTC, the date the message names"},
		{"json-string-credits.txt", "do not retry: the account has no credit left"},
		{"claude-code-out-of-extra-usage.txt", "do not retry before 2026-11-18 05:00 UTC"},
		{"json-error-daily-tokens.txt", "the daily token quota is used up: retrying within the day fails"},
		{"http-rate-limit-itpm.txt", "wait 27 s before retrying (retry-after)"},
	}
	for _, tc := range tests {
		d := diagnoseFixture(t, tc.file)
		if len(d.Advice) == 0 || !strings.HasPrefix(d.Advice[0], tc.want) {
			t.Errorf("%s: first advice %q, want it to start %q", tc.file, d.Advice, tc.want)
		}
	}
}
