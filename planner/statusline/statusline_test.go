package statusline

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// now is the clock of the fixtures: 2026-12-07 12:00 UTC.
var now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "inputs", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseFixture(t *testing.T, name string) (Input, []string) {
	t.Helper()
	in, notes, err := Parse(fixture(t, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return in, notes
}

func TestComputeSubscriber(t *testing.T) {
	in, notes := parseFixture(t, "subscriber.json")
	if len(notes) != 0 {
		t.Errorf("notes on a clean input: %v", notes)
	}
	s := Compute(in, now)
	if s.Model != "Opus 4.6" || s.SessionCost == nil || *s.SessionCost != tiers.Dollars(4.2137) {
		t.Fatalf("model %q, cost %v", s.Model, s.SessionCost)
	}
	// Context: 6 + 2,140 + 109,900 = 112,046 of 200,000; compaction at
	// 200,000 - 33,000 = 167,000, so 54,954 left.
	if c := s.Context; c == nil || c.Used != 112_046 || c.CompactAt != 167_000 || c.LeftToCompact != 54_954 || math.Abs(c.Percent-56.023) > 1e-9 {
		t.Fatalf("context = %+v", s.Context)
	}
	if len(s.Windows) != 2 || s.Windows[0].Name != "five_hour" || s.Windows[1].Name != "seven_day" {
		t.Fatalf("windows = %+v", s.Windows)
	}
	// 5 h: started 09:00, 3 h of 5 gone = 60%; 38% used: 100% would come
	// after 3 h × 100/38 = 7.9 h, after the reset at 14:00: no run-out.
	five := s.Windows[0]
	if five.Elapsed != 60 || five.Ahead() || !five.RunOutAt.IsZero() || five.Limited {
		t.Errorf("five_hour = %+v", five)
	}
	// Week: started Dec 3 09:00, 99 h of 168 gone = 58.93%; 71.5% used, so
	// 100% after 99 h × 100/71.5 = 138.46 h: Dec 9 03:27:41, before the
	// reset on Dec 10 09:00.
	week := s.Windows[1]
	elapsed := 99 * time.Hour
	wantOut := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC).Add(time.Duration(float64(elapsed) * 100 / 71.5))
	if math.Abs(week.Elapsed-58.928571) > 1e-5 || !week.Ahead() || !week.RunOutAt.Equal(wantOut) {
		t.Errorf("seven_day = %+v, want elapsed 58.93%% and run-out %v", week, wantOut)
	}
	if wantOut.Format("2006-01-02 15:04") != "2026-12-09 03:27" {
		t.Errorf("hand computation: %v", wantOut)
	}
}

func TestComputeRunsOutWithinFiveHours(t *testing.T) {
	in, _ := parseFixture(t, "subscriber-ahead.json")
	s := Compute(in, now)
	// 78% in 3 h: 100% after 3 h × 100/78 = 3 h 50 m 46 s, at 12:50:46.
	five := s.Windows[0]
	if five.Name != "five_hour" || five.RunOutAt.Format("15:04:05") != "12:50:46" {
		t.Errorf("five_hour = %+v", five)
	}
	if len(s.Windows) != 3 || s.Windows[2].Name != "seven_day_opus" {
		t.Errorf("per-model window not kept after the two main ones: %+v", s.Windows)
	}
}

func TestComputeOver100(t *testing.T) {
	in, _ := parseFixture(t, "over-100.json")
	s := Compute(in, now)
	five, week := s.Windows[0], s.Windows[1]
	if !five.Limited || five.Used != 101.3 || !five.RunOutAt.IsZero() {
		t.Errorf("five_hour over 100%% = %+v", five)
	}
	if !week.ResetsAt.Equal(time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("an RFC 3339 reset time was not read: %+v", week)
	}
}

func TestComputeWithoutWhatItNeeds(t *testing.T) {
	in, _ := parseFixture(t, "null-usage.json")
	if s := Compute(in, now); s.Context != nil || len(s.Windows) != 0 || s.SessionCost == nil || *s.SessionCost != 0 {
		t.Errorf("null usage: %+v", s)
	}
	in, _ = parseFixture(t, "missing-windows.json")
	s := Compute(in, now)
	if s.Model != "claude-haiku-4-5-20251001" || len(s.Windows) != 1 || s.Windows[0].HasElapsed || s.Context != nil || s.SessionCost != nil {
		t.Errorf("missing windows: %+v", s)
	}
	in, _ = parseFixture(t, "api-key.json")
	if s := Compute(in, now); len(s.Windows) != 0 || s.Model != "Sonnet 4.5" {
		t.Errorf("api key: %+v", s)
	}
}

func TestComputeEarlyInAWindowProjectsNothing(t *testing.T) {
	used := 10.0
	// Ten minutes into a 5-hour window (3.3%, under the 5% floor).
	w := pace(WindowInput{Name: "five_hour", UsedPercentage: &used, ResetsAt: now.Add(5*time.Hour - 10*time.Minute)}, now)
	if !w.RunOutAt.IsZero() || !w.HasElapsed {
		t.Errorf("a run-out projected from a window's first minutes: %+v", w)
	}
}

func TestParseNotesWrongTypes(t *testing.T) {
	in, notes := parseFixture(t, "wrong-types.json")
	want := []string{
		"model is a number, not an object",
		`cost.total_cost_usd is "abc", not a number`,
		"context_window.context_window_size is negative (-3)",
		"context_window.current_usage.input_tokens",
		"rate_limits.five_hour.used_percentage is negative (-4)",
		"rate_limits.five_hour.resets_at is a boolean, not a number",
		"rate_limits.seven_day is a string, not an object",
	}
	joined := strings.Join(notes, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("notes lack %q:\n%s", w, joined)
		}
	}
	if s := Compute(in, now); s.Model != "" || s.Context != nil || len(s.Windows) != 0 || s.SessionCost != nil {
		t.Errorf("wrong types gave figures: %+v", s)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "no input"},
		{"spaces", " \n\t", "no input"},
		{"text", "Segmentation fault", "not JSON"},
		{"array", "[1,2]", "not a JSON object but an array"},
		{"string", `"x"`, "not a JSON object but a string"},
		{"null", "null", "not a JSON object but null"},
		{"two objects", "{} {}", "more follows"},
		{"cut short", `{"model": {"id": "x"`, "cut short"},
	} {
		_, _, err := Parse([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Parse error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

func TestParseTimeForms(t *testing.T) {
	want := time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC)
	for _, v := range []string{"1796652000", "1796652000000", `"2026-12-07T14:00:00Z"`, `"2026-12-07T15:00:00+01:00"`, `"1796652000"`} {
		in, notes, err := Parse([]byte(`{"rate_limits":{"five_hour":{"used_percentage":1,"resets_at":` + v + `}}}`))
		if err != nil || len(in.Windows) != 1 || !in.Windows[0].ResetsAt.Equal(want) {
			t.Errorf("resets_at %s: %+v %v %v", v, in.Windows, notes, err)
		}
	}
	in, notes, _ := Parse([]byte(`{"rate_limits":{"five_hour":{"used_percentage":1,"resets_at":12}}}`))
	if !in.Windows[0].ResetsAt.IsZero() || len(notes) != 1 {
		t.Errorf("resets_at 12 read as %v (%v)", in.Windows[0].ResetsAt, notes)
	}
}

func FuzzParse(f *testing.F) {
	entries, _ := os.ReadDir(filepath.Join("testdata", "inputs"))
	for _, e := range entries {
		f.Add(fixture(f, e.Name()))
	}
	f.Add([]byte(`{"context_window":{"context_window_size":1e300,"current_usage":{"input_tokens":1e12}}}`))
	f.Add([]byte(`{"rate_limits":{"five_hour":{"used_percentage":1e308,"resets_at":9.9e10}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		in, _, err := Parse(b)
		if err != nil {
			return
		}
		s := Compute(in, now)
		if c := s.Context; c != nil && (c.Used < 0 || c.LeftToCompact < 0 || c.Size <= 0) {
			t.Fatalf("impossible context %+v", c)
		}
		for _, w := range s.Windows {
			if w.Used < 0 || math.IsNaN(w.Used) || w.Elapsed < 0 || w.Elapsed > 100 {
				t.Fatalf("impossible window %+v", w)
			}
			if !w.RunOutAt.IsZero() && (w.RunOutAt.After(w.ResetsAt) || w.Limited) {
				t.Fatalf("run-out after the reset or when limited: %+v", w)
			}
		}
	})
}
