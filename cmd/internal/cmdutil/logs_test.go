package cmdutil

import (
	"strings"
	"testing"
	"time"
)

func TestParseDay(t *testing.T) {
	for _, s := range []string{"2026-05-20", "20260520"} {
		got, err := ParseDay("--since", s, time.UTC)
		if err != nil || !got.Equal(time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: %v %v", s, got, err)
		}
	}
	for _, bad := range []string{"2026-13-01", "2026-02-30", "20261301", "yesterday", "2026/05/20", "05-20-2026", "2026-5-2", " 2026-05-20"} {
		if _, err := ParseDay("--since", bad, time.UTC); err == nil || !strings.Contains(err.Error(), "--since") {
			t.Errorf("%q: error %v, want one naming --since", bad, err)
		}
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-05-20", "20260520", "", "2026-13-01", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDay("--until", s, time.UTC)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error for %q", s)
			}
			return
		}
		if s != "" && (got.Hour() != 0 || got.Minute() != 0) {
			t.Fatalf("%q parsed to %v, not the start of a day", s, got)
		}
	})
}

// TestParseLogWindow: --until runs through the end of its day, in the zone
// of --tz; a window that ends before it starts is refused.
func TestParseLogWindow(t *testing.T) {
	w, err := ParseLogWindow("2025-11-01", "20251103", "Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if w.Loc != berlin && w.Loc.String() != "Europe/Berlin" ||
		!w.Since.Equal(time.Date(2025, 11, 1, 0, 0, 0, 0, berlin)) || !w.Until.Equal(time.Date(2025, 11, 4, 0, 0, 0, 0, berlin)) {
		t.Errorf("window %+v", w)
	}
	if w, err := ParseLogWindow("", "", ""); err != nil || w.Loc != time.Local || !w.Since.IsZero() || !w.Until.IsZero() {
		t.Errorf("open window: %+v, %v", w, err)
	}
	for _, bad := range []struct{ since, until, tz, want string }{
		{"2025-11-05", "2025-11-04", "UTC", "--since 2025-11-05 is after --until 2025-11-04"},
		{"", "", "Mars/Olympus", `--tz "Mars/Olympus": unknown time zone`},
		{"", "yesterday", "", `--until "yesterday": want a date as YYYY-MM-DD or YYYYMMDD`},
	} {
		if _, err := ParseLogWindow(bad.since, bad.until, bad.tz); !IsUsage(err) || !strings.HasPrefix(err.Error(), bad.want) {
			t.Errorf("%+v: error %v", bad, err)
		}
	}
}
