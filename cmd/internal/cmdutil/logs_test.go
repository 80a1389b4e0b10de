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
