package diagnose

import (
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// subDate is the Date of the subscription cases: 2026-11-17 15:12:04 UTC.
const subDate = "date: Tue, 17 Nov 2026 15:12:04 GMT\n"

// Unix times of the cases, worked out by hand from 2026-11-17 00:00 UTC =
// 1794873600: 18:00 = +64,800; 2026-11-20 06:00 = +280,800; 2026-12-01
// 00:00 = 1796083200.
const (
	reset5h = "1794938400" // 2026-11-17 18:00 UTC
	reset7d = "1795154400" // 2026-11-20 06:00 UTC
)

func unified(fields ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(fields); i += 2 {
		b.WriteString("anthropic-ratelimit-unified-" + fields[i] + ": " + fields[i+1] + "\n")
	}
	return b.String()
}

func diagnoseText(t *testing.T, in string) Diagnosis {
	t.Helper()
	resp, err := paste.Parse([]byte(in))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return Diagnose(resp, Options{Now: fixtureNow, LoadLocation: time.LoadLocation})
}

func TestSubscriptionWindows(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		kind    Kind
		limit   Limit
		binding string
		resume  string
		advice  []string
		notes   []string
	}{
		{
			name: "claim names the used-up window",
			in: "HTTP/2 429\n" + subDate + unified("status", "rejected", "representative-claim", "five_hour",
				"5h-status", "rejected", "5h-utilization", "1.01", "5h-reset", reset5h,
				"7d-status", "allowed", "7d-utilization", "0.69", "7d-reset", reset7d) + "\n",
			kind: KindSubscriptionLimit, limit: LimitWindow5h, binding: "5h", resume: "2026-11-17T18:00:00Z",
			// 18:00 − 15:12:04 = 2 h 47 min 56 s; 06:00 on the 20th − 15:12:04 on the 17th = 2 d 14 h 48 min.
			advice: []string{"your 5-hour window resets at 2026-11-17 18:00 UTC (in 2 h 47 min)", "the weekly limit (all models) stands at 69% used, resets in 2 d 14 h"},
		},
		{
			name: "both used up: the request waits for the later reset",
			in: "HTTP/2 429\n" + subDate + unified("status", "rejected", "representative-claim", "five_hour",
				"5h-status", "rejected", "5h-reset", reset5h, "7d-status", "rejected", "7d-reset", reset7d) + "\n",
			kind: KindSubscriptionLimit, limit: LimitWindow5h, binding: "5h", resume: "2026-11-20T06:00:00Z",
		},
		{
			name: "no claim: the used-up window that resets last",
			in: "HTTP/2 429\n" + subDate + unified("5h-utilization", "0.30", "5h-reset", reset5h,
				"7d_opus-status", "rejected", "7d_opus-utilization", "1.0", "7d_opus-reset", reset7d) + "\n",
			kind: KindSubscriptionLimit, limit: LimitWeeklyModel, binding: "7d_opus", resume: "2026-11-20T06:00:00Z",
			advice: []string{"your weekly Opus limit resets", "switch model"},
		},
		{
			name: "utilization past 1 without a status is used up",
			in:   "HTTP/2 429\n" + subDate + unified("7d-utilization", "1.02", "7d-reset", reset7d) + "\n",
			kind: KindSubscriptionLimit, limit: LimitWeekly, binding: "7d",
		},
		{
			name: "a window name not known yet",
			in:   "HTTP/2 429\n" + subDate + unified("status", "rejected", "7d_fable-status", "rejected", "7d_fable-reset", reset7d) + "\n",
			kind: KindSubscriptionLimit, limit: LimitWeeklyModel, binding: "7d_fable",
		},
		{
			name: "the overage meter binds: billing",
			in: "HTTP/2 429\n" + subDate + unified("status", "rejected", "representative-claim", "overage",
				"5h-status", "rejected", "5h-reset", reset5h, "overage-status", "rejected", "overage-reset", "1796083200") + "\n",
			kind: KindBilling, limit: LimitExtraUsage, resume: "2026-12-01T00:00:00Z",
			advice: []string{"do not retry before 2026-12-01 00:00 UTC"},
		},
		{
			name: "rejected overall, no window used up: the claim names it",
			in:   "HTTP/2 429\n" + subDate + unified("status", "rejected", "representative-claim", "seven_day", "7d-utilization", "0.95") + "\n",
			kind: KindSubscriptionLimit, limit: LimitWeekly, binding: "7d",
			notes: []string{"no window reads used up"},
		},
		{
			name: "a 429 while every window is allowed is the server's throttle",
			in: "HTTP/2 429\n" + subDate + "retry-after: 30\n" + unified("status", "allowed", "5h-status", "allowed", "5h-utilization", "0.05", "5h-reset", reset5h) +
				"\n" + `{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}`,
			kind: KindOverloaded, resume: "2026-11-17T15:12:34Z",
			advice: []string{"wait 30 s (retry-after)"},
		},
		{
			name:   "success near the end of a window warns",
			in:     "HTTP/2 200\n" + subDate + unified("status", "allowed_warning", "5h-status", "allowed_warning", "5h-utilization", "0.92", "5h-reset", reset5h) + "\n",
			kind:   KindOK,
			advice: []string{"your 5-hour window is 92% used, resets in 2 h 47 min"},
		},
		{
			name: "malformed values are noted, never guessed",
			in:   "HTTP/2 429\n" + subDate + unified("status", "rejected", "5h-utilization", "0x1p0", "5h-reset", "soon", "7d-reset", "253402300800") + "\n",
			kind: KindSubscriptionLimit, limit: LimitUnknown,
			notes: []string{`5h-utilization: "0x1p0" is not a decimal number`, `5h-reset: "soon" is not a Unix time`, `7d-reset: "253402300800" is not a Unix time in years 1-9999`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := diagnoseText(t, tc.in)
			if d.Kind != tc.kind || d.Limit != tc.limit {
				t.Errorf("%s/%q, want %s/%q: %s", d.Kind, d.Limit, tc.kind, tc.limit, d.Verdict)
			}
			if w := bindingWindowOf(&d); tc.binding != "" && (w == nil || w.Name != tc.binding) {
				t.Errorf("binding window %+v, want %s", w, tc.binding)
			}
			if tc.resume != "" && (d.ResumeAt == nil || d.ResumeAt.Format(time.RFC3339) != tc.resume) {
				t.Errorf("resume_at %v, want %s", d.ResumeAt, tc.resume)
			}
			containsAll(t, "advice", d.Advice, tc.advice)
			containsAll(t, "notes", d.Notes, tc.notes)
		})
	}
}

func TestUnifiedUtilizationAndResets(t *testing.T) {
	d := diagnoseFixture(t, "http-subscription-5h.txt")
	s := d.Subscription
	if s == nil || s.Status != "rejected" || s.Claim != "five_hour" || len(s.Windows) != 2 {
		t.Fatalf("subscription %+v", s)
	}
	w5, w7 := s.Windows[0], s.Windows[1]
	// 18:00:00 − 15:12:04 = 10,076 s; 2026-11-20 06:00 − 2026-11-17 15:12:04 = 226,076 s.
	if w5.Name != "5h" || *w5.Utilization != 1.01 || *w5.ResetInS != 10076 || !w5.Binding || *w5.SurpassedThreshold != 1 {
		t.Errorf("5h window %+v", w5)
	}
	if w7.Name != "7d" || *w7.Utilization != 0.69 || *w7.ResetInS != 226076 || w7.Binding {
		t.Errorf("7d window %+v", w7)
	}
	if s.Overage == nil || s.Overage.DisabledReason != "org_level_disabled" || *s.FallbackPercentage != 0.5 {
		t.Errorf("overage %+v fallback %v", s.Overage, s.FallbackPercentage)
	}
}
