package diagnose

import (
	"testing"
	"time"
)

// TestMessageWords: the vendors' and Claude Code's wording decides the kind
// where the status alone would mislead.
func TestMessageWords(t *testing.T) {
	tests := []struct {
		msg   string
		kind  Kind
		limit Limit
	}{
		{"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.", KindBilling, LimitCredits},
		{"Credit balance too low · Add funds: https://console.anthropic.com/settings/billing", KindBilling, LimitCredits},
		{"Extra usage is required for long context requests.", KindBilling, LimitExtraUsage},
		{"Extra usage is required for 1M context · run /extra-usage to enable, or /model to switch to standard context", KindBilling, LimitExtraUsage},
		{"You're out of extra usage · resets 9pm", KindBilling, LimitExtraUsage},
		{"Third-party apps now draw from extra usage, not plan limits.", KindBilling, LimitExtraUsage},
		{"You have reached your specified API usage limits. You will regain access on 2026-05-01 at 00:00 UTC.", KindSpendLimit, LimitNone},
		{"Server is temporarily limiting requests (not your     usage limit) · Rate limited", KindOverloaded, LimitNone},
		{"prompt is too long: 215833 tokens > 200000 maximum", KindTooLarge, LimitNone},
		{"This request would exceed your account's rate limit. Please try again later.", KindSubscriptionLimit, LimitUnknown},
		{"This request would exceed your account’s rate limit.", KindSubscriptionLimit, LimitUnknown},
		{"Claude AI usage limit reached|1753077600", KindSubscriptionLimit, LimitUnknown},
		{"You've hit your limit · resets 2:10pm (Europe/Moscow)", KindSubscriptionLimit, LimitUnknown},
		{"5-hour limit reached ∙ resets 2am", KindSubscriptionLimit, LimitWindow5h},
		{"Session limit reached ∙ resets 4pm", KindSubscriptionLimit, LimitWindow5h},
		{"Weekly limit reached ∙ resets Oct 9, 10am", KindSubscriptionLimit, LimitWeekly},
		{"Opus weekly limit reached ∙ resets Oct 9, 10am", KindSubscriptionLimit, LimitWeeklyModel},
		{"Rate limit reached", KindRateLimit, LimitUnknown},
		{"Rate limited", KindRateLimit, LimitUnknown},
		{"This request would exceed your organization's rate limit of 10,000 input tokens per minute", KindRateLimit, LimitITPM},
		{"… rate limit of 8,000 output\n     tokens per minute", KindRateLimit, LimitOTPM},
		{"Rate limit reached for gpt-4o on tokens per day (TPD): Limit 90000", KindRateLimit, LimitDailyTokens},
		{"Overloaded", "", LimitNone},
	}
	for _, tc := range tests {
		var n notes
		f := readMessage(tc.msg, Options{Now: fixtureNow}, &n)
		if f.kind != tc.kind || f.limit != tc.limit {
			t.Errorf("%q: %s/%q, want %s/%q", tc.msg, f.kind, f.limit, tc.kind, tc.limit)
		}
	}
}

// TestResumeFromWords: the instants a line names, from now = 2026-11-17
// 15:12:04 UTC (16:12 in Berlin, 07:12 in Los Angeles, 18:12 in Moscow).
func TestResumeFromWords(t *testing.T) {
	tests := []struct {
		msg, want string
		local     *time.Location
	}{
		{"resets 6pm (Europe/Berlin)", "2026-11-17T17:00:00Z", nil}, // today, 18:00 CET
		{"resets 3pm (Europe/Berlin)", "2026-11-18T14:00:00Z", nil}, // 15:00 has passed: tomorrow
		{"resets 2:10pm (Europe/Moscow)", "2026-11-18T11:10:00Z", nil},
		{"resets 11:30am (Asia/Calcutta)", "2026-11-18T06:00:00Z", nil}, // 16:00 UTC is 21:42 there
		{"resets 12am (America/Los_Angeles)", "2026-11-18T08:00:00Z", nil},
		{"resets 12pm (America/Los_Angeles)", "2026-11-17T20:00:00Z", nil},
		{"resets Oct 9, 10am (Europe/Berlin)", "2027-10-09T08:00:00Z", nil}, // October has passed: next year
		{"resets Nov 20, 7am (Europe/Berlin)", "2026-11-20T06:00:00Z", nil},
		{"resets 9pm", "2026-11-17T21:00:00Z", nil},           // no zone: Options.Local, UTC
		{"resets 9pm", "2026-11-18T05:00:00Z", losAngeles(t)}, // no zone: Options.Local
		{"Your limit will reset at 3pm (America/Bogota).", "2026-11-17T20:00:00Z", nil},
		{"Claude AI usage limit reached|1753077600", "2025-07-21T06:00:00Z", nil},
		{"You will regain access on 2026-05-01 at 00:00 UTC.", "2026-05-01T00:00:00Z", nil},
		{"resets 13pm", "", nil},
		{"resets 9:75pm", "", nil},
	}
	for _, tc := range tests {
		var n notes
		f := readMessage(tc.msg, Options{Now: fixtureNow, Local: tc.local, LoadLocation: time.LoadLocation}, &n)
		got := ""
		if f.resume != nil {
			got = f.resume.Format(time.RFC3339)
		}
		if got != tc.want {
			t.Errorf("%q: resume %q, want %q (notes %q)", tc.msg, got, tc.want, n.list)
		}
	}
}

func TestUnknownZoneIsNoted(t *testing.T) {
	var n notes
	f := readMessage("You've hit your limit · resets 6pm (Mars/Olympus_Mons)", Options{Now: fixtureNow, LoadLocation: time.LoadLocation}, &n)
	// Read in UTC instead: 18:00 UTC today.
	if f.resume == nil || f.resume.Format(time.RFC3339) != "2026-11-17T18:00:00Z" {
		t.Errorf("resume %v", f.resume)
	}
	containsAll(t, "notes", n.list, []string{`time zone "Mars/Olympus_Mons" of "resets" is not known here; read the time as UTC`})
}

func losAngeles(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
