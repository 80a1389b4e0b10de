package windows

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

func reading(t *testing.T, at time.Time, window string, used float64, reset time.Time) Reading {
	t.Helper()
	r, ok := NewReading(at, window, used, reset)
	if !ok {
		t.Fatalf("NewReading(%v, %q, %v) refused", at, window, used)
	}
	return r
}

func TestLineRoundTrip(t *testing.T) {
	r := reading(t, t0.Add(1500*time.Millisecond), FiveHour, 42.123, t0.Add(4*time.Hour))
	line := formatLine(r)
	if want := "1796634001 five_hour 42.12 1796648400\n"; line != want {
		t.Fatalf("formatLine = %q, want %q", line, want)
	}
	back, ok := parseLine(strings.TrimSuffix(line, "\n"))
	if !ok || back != r {
		t.Fatalf("parseLine(%q) = %+v, %v; want %+v", line, back, ok, r)
	}
}

func TestParseLineRefuses(t *testing.T) {
	for _, line := range []string{
		"", "# header", "1765098001 five_hour 42", "1765098001 five_hour 42 0 extra",
		"x five_hour 42 0", "1765098001 Five-Hour 42 0", "1765098001 five_hour NaN 0",
		"1765098001 five_hour -1 0", "1765098001 five_hour 1e9 0", "0 five_hour 1 0",
		"1765098001 five_hour 1 -5", "99999999999999 five_hour 1 0", "1765098001 five_hour 4", // a line cut short
	} {
		if r, ok := parseLine(line); ok {
			t.Errorf("parseLine(%q) = %+v, want refused", line, r)
		}
	}
}

func TestLength(t *testing.T) {
	for name, want := range map[string]time.Duration{
		FiveHour: 5 * time.Hour, SevenDay: 168 * time.Hour, "seven_day_opus": 168 * time.Hour, "overage": 0, "seven_dayz": 0,
	} {
		if got := Length(name); got != want {
			t.Errorf("Length(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestRecordKeepsOnlyWhatIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "windows.log")
	reset := t0.Add(3 * time.Hour)
	steps := []struct {
		in   []Reading
		want int
	}{
		{[]Reading{reading(t, t0, FiveHour, 10, reset), reading(t, t0, SevenDay, 30, t0.Add(72*time.Hour))}, 2},
		{[]Reading{reading(t, t0.Add(time.Minute), FiveHour, 10, reset)}, 0},                       // unchanged
		{[]Reading{reading(t, t0.Add(2*time.Minute), FiveHour, 12, reset.Add(time.Minute))}, 1},    // higher, same run
		{[]Reading{reading(t, t0.Add(3*time.Minute), FiveHour, 11, reset)}, 0},                     // a late copy
		{[]Reading{reading(t, t0.Add(4*time.Hour), FiveHour, 1, reset.Add(5*time.Hour))}, 1},       // a new run
		{[]Reading{reading(t, t0.Add(5*time.Hour), SevenDay, 30, t0.Add(72*time.Hour))}, 0},        // unchanged
		{[]Reading{reading(t, t0.Add(6*time.Hour), "seven_day_opus", 3, t0.Add(72*time.Hour))}, 1}, // a window seen first
	}
	for i, s := range steps {
		n, err := Record(path, s.in)
		if err != nil || n != s.want {
			t.Fatalf("step %d: Record = %d, %v; want %d", i, n, err, s.want)
		}
	}
	got, bad, err := Read(path)
	if err != nil || bad != 0 || len(got) != 5 {
		t.Fatalf("Read = %d readings, %d bad, %v; want 5, 0", len(got), bad, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600 (it says when the user works)", fi.Mode().Perm())
	}
}

func TestRecordEndsALineACrashCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "windows.log")
	if _, err := Record(path, []Reading{reading(t, t0, FiveHour, 10, t0.Add(time.Hour))}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("1765098100 five_hour 1") // the crash
	f.Close()
	if n, err := Record(path, []Reading{reading(t, t0.Add(time.Minute), FiveHour, 20, t0.Add(time.Hour))}); n != 1 || err != nil {
		t.Fatalf("Record after a cut line = %d, %v", n, err)
	}
	got, bad, _ := Read(path)
	if len(got) != 2 || bad != 1 || got[1].Used != 20 {
		t.Fatalf("Read = %+v, %d bad; want the two readings and the cut line skipped", got, bad)
	}
}

func TestRecordStaysBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "windows.log")
	reset := t0.Add(1000 * time.Hour)
	var last Reading
	for i := 0; i < MaxBytes/30; i += 1000 {
		batch := make([]Reading, 1000)
		for j := range batch {
			batch[j] = reading(t, t0.Add(time.Duration(i+j)*time.Second), FiveHour, float64(i+j)/100, reset)
		}
		if _, err := Record(path, batch); err != nil {
			t.Fatal(err)
		}
		last = batch[len(batch)-1]
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > MaxBytes {
		t.Fatalf("history is %d bytes, over %d", fi.Size(), MaxBytes)
	}
	got, bad, _ := Read(path)
	if bad != 0 || got[len(got)-1] != last {
		t.Fatalf("after compaction the newest reading is %+v (bad %d), want %+v", got[len(got)-1], bad, last)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), header) {
		t.Errorf("compacted history lost its header")
	}
}

func TestReadMissingIsEmpty(t *testing.T) {
	got, bad, err := Read(filepath.Join(t.TempDir(), "none"))
	if len(got) != 0 || bad != 0 || err != nil {
		t.Fatalf("Read(missing) = %v, %d, %v", got, bad, err)
	}
}

func FuzzParseHistory(f *testing.F) {
	f.Add([]byte(header + "1765098001 five_hour 42.12 1765112400\n1765098002 seven_day 3 0\n"))
	f.Add([]byte("1765098001 five_hour 4"))
	f.Add([]byte("\xff\xfe 1 2 3\n\n# x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, _ := parseAll(b)
		for i, r := range rs {
			if !ValidWindowName(r.Window) || r.Used < 0 || r.Used > maxPercent || r.At.IsZero() {
				t.Fatalf("parsed an invalid reading %+v", r)
			}
			if i > 0 && r.At.Before(rs[i-1].At) {
				t.Fatalf("readings not sorted by time")
			}
			back, ok := parseLine(strings.TrimSuffix(formatLine(r), "\n"))
			if !ok || back != r {
				t.Fatalf("reading %+v does not survive a round trip: %+v", r, back)
			}
		}
	})
}
