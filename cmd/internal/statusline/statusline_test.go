package statusline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/planner/windows"
)

// now is the fixtures' clock: 2026-12-07 12:00 UTC.
var now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// inputs are the status-line inputs of the domain package's tests.
var inputs = filepath.Join("..", "..", "..", "planner", "statusline", "testdata", "inputs")

// logs is a config directory whose one session has two calls on
// 2026-12-07 and one late on 2026-12-06 (UTC).
var logs = filepath.Join("testdata", "claude")

func input(t testing.TB, name string) string {
	t.Helper()
	return string(cmdtest.ReadFile(t, filepath.Join(inputs, name)))
}

// env is a hermetic environment: its own state and cache directories, a
// home without logs, the fixtures' clock; vars add to it.
type env struct {
	vars map[string]string
	now  time.Time
}

func newEnv(t testing.TB) *env {
	return &env{now: now, vars: map[string]string{
		"XDG_STATE_HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "HOME": t.TempDir(),
	}}
}

func (e *env) run(t testing.TB, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	var out, errb bytes.Buffer
	code := root.Main(append([]string{"--tiers", filepath.Join("testdata", "tiers.yaml"), "statusline"}, args...), cmdutil.Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return e.vars[k] },
		Now:    func() time.Time { return e.now },
	})
	return cmdtest.Result{Code: code, Stdout: out.String(), Stderr: errb.String()}
}

func (e *env) history() string {
	return filepath.Join(e.vars["XDG_STATE_HOME"], "tierplan", "windows.log")
}

func TestStatuslineGolden(t *testing.T) {
	cases := []struct {
		golden, input string
		args          []string
		vars          map[string]string
	}{
		{"subscriber.txt", "subscriber.json", nil, nil},
		{"subscriber-ahead.txt", "subscriber-ahead.json", nil, nil},
		{"subscriber-ahead-width-50.txt", "subscriber-ahead.json", []string{"--width", "50"}, nil},
		{"subscriber-ahead-width-30.txt", "subscriber-ahead.json", []string{"--width", "30"}, nil},
		{"subscriber-ahead-colour.txt", "subscriber-ahead.json", []string{"--color", "always"}, nil},
		{"subscriber-ahead-no-color.txt", "subscriber-ahead.json", []string{"--color", "always"}, map[string]string{"NO_COLOR": "1"}},
		{"subscriber-berlin.txt", "subscriber.json", []string{"--tz", "Europe/Berlin"}, nil},
		{"over-100.txt", "over-100.json", nil, nil},
		{"api-key.txt", "api-key.json", nil, map[string]string{"CLAUDE_CONFIG_DIR": logs}},
		{"api-key-tokyo.txt", "api-key.json", []string{"--tz", "Asia/Tokyo"}, map[string]string{"CLAUDE_CONFIG_DIR": logs}},
		{"api-key-no-logs.txt", "api-key.json", nil, nil},
		{"api-key-headers.txt", "api-key.json", []string{"--headers", filepath.Join("testdata", "probe.log")}, map[string]string{"CLAUDE_CONFIG_DIR": logs}},
		{"null-usage.txt", "null-usage.json", nil, nil},
		{"missing-windows.txt", "missing-windows.json", nil, nil},
		{"wrong-types.txt", "wrong-types.json", nil, nil},
		{"escape.txt", "escape.json", []string{"--width", "120"}, nil},
		{"garbage.txt", "garbage.txt", nil, nil},
		{"cut-short.txt", "cut-short.json", nil, nil},
		{"empty.txt", "empty.txt", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			e := newEnv(t)
			for k, v := range c.vars {
				e.vars[k] = v
			}
			r := e.run(t, input(t, c.input), append([]string{"--tz", "UTC"}, c.args...)...)
			if r.Code != 0 {
				t.Fatalf("exit %d; stderr %s", r.Code, r.Stderr)
			}
			if strings.Contains(r.Stderr, "statusline:") {
				t.Errorf("stderr without --debug: %s", r.Stderr)
			}
			width := 80
			if len(c.args) > 1 && c.args[0] == "--width" {
				width = map[string]int{"50": 50, "30": 30, "120": 120}[c.args[1]]
			}
			for _, l := range strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n") {
				if n := len([]rune(stripColour(l))); n > width {
					t.Errorf("line of %d columns, over %d: %q", n, width, l)
				}
			}
			cmdtest.Golden(t, c.golden, r.Stdout)
		})
	}
}

// stripColour drops ANSI colour codes.
func stripColour(s string) string {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func TestStatuslineDebugSaysWhy(t *testing.T) {
	for _, c := range []struct{ input, want string }{
		{"garbage.txt", "stdin: not JSON: invalid character 'S'"},
		{"empty.txt", "stdin: no input on stdin"},
		{"cut-short.json", "stdin: not JSON: cut short"},
		{"wrong-types.json", "left out: model is a number, not an object"},
		{"subscriber.json", "2 new readings"},
	} {
		r := newEnv(t).run(t, input(t, c.input), "--debug")
		if r.Code != 0 || !strings.HasPrefix(r.Stderr, "tierplan: statusline: ") || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", c.input, r.Code, r.Stderr, c.want)
		}
	}
	// The input's own keys are escaped on stderr too.
	r := newEnv(t).run(t, `{"rate_limits":{"five\u001b[2J":{"used_percentage":"x"}}}`, "--debug")
	if !strings.Contains(r.Stderr, `rate_limits.five\x1b[2J.used_percentage is "x"`) || strings.Contains(r.Stderr, "\x1b") {
		t.Errorf("stderr not escaped: %q", r.Stderr)
	}
	// Recorded headers more than an hour old are not shown; a missing or
	// foreign file is said under --debug.
	e := newEnv(t)
	e.now = now.Add(50 * time.Minute)
	for _, c := range []struct{ headers, want string }{
		{filepath.Join("testdata", "probe.log"), "the last reading is of 2026-12-07T11:40:00Z, not within an hour"},
		{filepath.Join("testdata", "none.log"), "headers: open testdata/none.log: no such file or directory"},
		{filepath.Join("testdata", "tiers.yaml"), "no reading with buckets"},
	} {
		r := e.run(t, input(t, "api-key.json"), "--debug", "--headers", c.headers)
		if r.Code != 0 || strings.Contains(r.Stdout, "left") || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("--headers %s: exit %d\n%s%s", c.headers, r.Code, r.Stderr, r.Stdout)
		}
	}
}

func TestStatuslineRecordsTheWindows(t *testing.T) {
	e := newEnv(t)
	e.run(t, input(t, "subscriber.json"))
	e.now = now.Add(time.Minute)
	e.run(t, input(t, "subscriber.json")) // the same percentages: nothing new
	e.now = now.Add(2 * time.Minute)
	e.run(t, input(t, "subscriber-ahead.json")) // 5 h higher, week lower (a late copy), opus new
	got, bad, err := windows.Read(e.history())
	if err != nil || bad != 0 {
		t.Fatal(bad, err)
	}
	var lines []string
	for _, r := range got {
		lines = append(lines, r.At.Format("15:04")+" "+r.Window+" "+strconv.FormatFloat(r.Used, 'f', -1, 64))
	}
	want := "12:00 five_hour 38|12:00 seven_day 71.5|12:02 five_hour 78|12:02 seven_day_opus 12"
	if strings.Join(lines, "|") != want {
		t.Errorf("history = %s\nwant      %s", strings.Join(lines, "|"), want)
	}
}

// TestStatuslineShowsLastSeenWindows: a subscriber's new session has no
// rate_limits before its first response; the history's readings show.
func TestStatuslineShowsLastSeenWindows(t *testing.T) {
	e := newEnv(t)
	e.run(t, input(t, "subscriber.json"))
	e.now = now.Add(30 * time.Minute)
	r := e.run(t, input(t, "null-usage.json"), "--tz", "UTC")
	if !strings.Contains(r.Stdout, "5h 38% · 70% of time · resets 14:00 (seen 12:00)") {
		t.Errorf("last seen windows not shown:\n%s", r.Stdout)
	}
	if strings.Contains(r.Stdout, "today") {
		t.Errorf("a subscriber got an API day cost:\n%s", r.Stdout)
	}
}

// TestStatuslineConcurrentRuns: sessions run their status lines at the
// same moment; the history is never corrupted.
func TestStatuslineConcurrentRuns(t *testing.T) {
	e := newEnv(t)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				pct := 10 + i*40 + j // two sessions, each its own rising readings
				stdin := `{"rate_limits":{"five_hour":{"used_percentage":` + strconv.Itoa(pct) + `,"resets_at":1796652000}}}`
				if r := e.run(t, stdin); r.Code != 0 {
					t.Errorf("exit %d", r.Code)
				}
			}
		}(i)
	}
	wg.Wait()
	got, bad, err := windows.Read(e.history())
	if err != nil || bad != 0 || len(got) == 0 {
		t.Fatalf("history after concurrent runs: %d readings, %d bad lines, %v", len(got), bad, err)
	}
	b, _ := os.ReadFile(e.history())
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")[1:] {
		if len(strings.Fields(l)) != 4 {
			t.Fatalf("line %d is broken: %q", i+2, l)
		}
	}
}

func TestStatuslineBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--width", "5"}, "--width 5: a status line needs at least 20 columns"},
		{[]string{"--color", "sometimes"}, `--color "sometimes": valid values are auto, always, never`},
		{[]string{"--tz", "Mars/Olympus"}, `--tz "Mars/Olympus": unknown time zone`},
		{[]string{"extra"}, "unknown command"},
	} {
		r := newEnv(t).run(t, "{}", c.args...)
		if r.Code != 2 || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.Code, r.Stderr, c.want)
		}
	}
}
