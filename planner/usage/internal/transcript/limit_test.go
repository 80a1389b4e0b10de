package transcript

import (
	"testing"
	"time"
)

func TestLimitKind(t *testing.T) {
	cases := []struct{ text, errField, kind string }{
		{"Claude AI usage limit reached|1762297200", "", "usage"},
		{"You've hit your session limit · resets 9:50pm (Europe/Berlin)", "rate_limit", "session"},
		{"You’ve hit your weekly limit · resets Oct 6, 2pm (UTC)", "", "weekly"},
		{"You've hit your Opus limit · resets 3am", "", "opus"},
		{"5-hour limit reached ∙ resets 3am", "", "session"},
		{"Something else", "rate_limit", "rate_limit"},
	}
	for _, c := range cases {
		if k, ok := limitKind(c.text, c.errField); !ok || k != c.kind {
			t.Errorf("%q: %q %v, want %q", c.text, k, ok, c.kind)
		}
	}
	for _, text := range []string{"API Error: 529 overloaded", "No response requested.", "API Error: 401 invalid key"} {
		if k, ok := limitKind(text, ""); ok {
			t.Errorf("%q read as a limit (%q)", text, k)
		}
	}
}

func TestResetTime(t *testing.T) {
	at := time.Date(2025, 11, 5, 18, 0, 0, 0, time.UTC) // 19:00 in Berlin, 13:00 in New York
	utc := func(mo time.Month, d, h, mi int) time.Time { return time.Date(2025, mo, d, h, mi, 0, 0, time.UTC) }
	cases := []struct {
		text string
		want time.Time
	}{
		{"Claude AI usage limit reached|1762297200", utc(11, 4, 23, 0)},
		{"resets 9:50pm (Europe/Berlin)", utc(11, 5, 20, 50)}, // 21:50 CET
		{"resets 3pm (America/New_York)", utc(11, 5, 20, 0)},  // 15:00 EST = 20:00Z
		{"resets 11am (America/New_York)", utc(11, 6, 16, 0)}, // 11:00 already passed: tomorrow
		{"resets 12am (UTC)", utc(11, 6, 0, 0)},               // midnight
		{"resets 12pm (UTC)", utc(11, 6, 12, 0)},              // noon tomorrow (today's passed)
		{"resets Nov 10, 2pm (UTC)", utc(11, 10, 14, 0)},      // a dated weekly reset
		{"resets Nov 10 at 2:30pm (Europe/Berlin)", utc(11, 10, 13, 30)},
		{"resets 7pm", utc(11, 5, 19, 0)}, // no zone: UTC
	}
	for _, c := range cases {
		if got := resetTime(c.text, at); !got.Equal(c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
	for _, text := range []string{"resets soon", "resets 13pm (UTC)", "resets 9:75pm", "resets 3pm (Mars/Olympus)", "resets Foo 3, 2pm"} {
		if got := resetTime(text, at); !got.IsZero() {
			t.Errorf("%q: read %v, want no time", text, got)
		}
	}
	// "Jan 2" written on Dec 30 is next year's.
	dec := time.Date(2025, 12, 30, 10, 0, 0, 0, time.UTC)
	if got := resetTime("resets Jan 2, 9am (UTC)", dec); !got.Equal(time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("year wrap: %v", got)
	}
}
