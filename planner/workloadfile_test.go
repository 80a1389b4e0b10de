package planner

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseWorkloadsList(t *testing.T) {
	src := "workloads:\n" +
		"  - name: solo\n    sessions: 20\n    tokens: 800k\n    cache: 1h\n" +
		"  - name: team\n    sessions: 6\n    tokens: 1.5M\n    devs: 12\n    model: opus\n    cache: off\n    compact_at: 150k\n"
	ws, err := ParseWorkloads("w.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 {
		t.Fatalf("%d workloads, want 2", len(ws))
	}
	solo, team := ws[0], ws[1]
	if solo.Name != "solo" || solo.SessionsPerDay != 20 || solo.TokensPerSession != 800_000 || solo.CacheTTL != time.Hour {
		t.Errorf("solo = %+v", solo)
	}
	if team.Devs != 12 || team.Model != "opus" || !team.NoCache || team.CompactAt != 150_000 || team.TokensPerSession != 1_500_000 {
		t.Errorf("team = %+v", team)
	}
}

func TestParseWorkloadsSingleMappingCRLFAndBOM(t *testing.T) {
	src := "\xef\xbb\xbfsessions: 20\r\ntokens: 800,000\r\n"
	ws, err := ParseWorkloads("w.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Name != "default" || ws[0].TokensPerSession != 800_000 {
		t.Errorf("got %+v", ws)
	}
}

func TestParseWorkloadsRejects(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"empty", "", "w.yaml: file is empty"},
		{"scalar", "hello", "w.yaml:1: expected a mapping"},
		{"unknown key", "sessions: 2\ntokenz: 5\n", `w.yaml:2: unknown key "tokenz"`},
		{"bad quantity", "tokens: 800kk\n", `w.yaml:1: tokens: "800kk" is not a quantity`},
		{"negative", "tokens: -5\n", `w.yaml:1: tokens: "-5" is not a quantity`},
		{"bad number", "sessions: many\n", `w.yaml:1: sessions: "many" is not a number`},
		{"bad cache", "cache: 2h\n", `w.yaml:1: cache: "2h" is not a cache setting`},
		{"nested", "tokens:\n  a: 1\n", "w.yaml:2: tokens: expected a single value"},
		{"duplicate key", "tokens: 1k\ntokens: 2k\n", `w.yaml:2: duplicate key "tokens"`},
		{"duplicate names", "workloads:\n  - name: a\n  - name: a\n", `w.yaml:3: duplicate workload name "a"`},
		{"empty list", "workloads: []\n", "w.yaml:1: 'workloads' must be a non-empty list"},
		{"stray key", "workloads:\n  - name: a\nsessions: 3\n", `w.yaml:3: unknown key "sessions" next to 'workloads'`},
		{"not yaml", "a: [1, 2\n", "w.yaml: "},
		{"alias", "x: &a 5\ntokens: *a\n", `w.yaml:1: unknown key "x"`},
	}
	for _, c := range cases {
		_, err := ParseWorkloads("w.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func TestParseWorkloadsReportsEveryProblem(t *testing.T) {
	_, err := ParseWorkloads("w.yaml", []byte("tokenz: 1\nsessions: x\ncache: maybe\n"))
	if err == nil {
		t.Fatal("want errors")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "w.yaml:1:") || !strings.HasPrefix(lines[2], "w.yaml:3:") {
		t.Errorf("want three problems in line order, got %q", err)
	}
}

func FuzzParseWorkloads(f *testing.F) {
	f.Add([]byte("sessions: 20\ntokens: 800k\n"))
	f.Add([]byte("workloads:\n  - name: a\n    devs: 3\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("\xef\xbb\xbf\r\n"))
	f.Add([]byte("sessions: NaN\npace: Inf\n"))
	f.Add([]byte("calls: 1e9\ndevs: 1e12\n"))
	for _, c := range refusedWorkloadFiles {
		f.Add([]byte(c.file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := ParseWorkloads("f.yaml", data)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.yaml") {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
		}
		if err == nil && len(ws) == 0 {
			t.Fatal("no error and no workload")
		}
		for _, w := range ws {
			if !finite(w) {
				t.Fatalf("a parsed workload holds NaN or Inf: %+v", w)
			}
			if w.CallsPerSession > 100_000 || w.Devs > 1_000_000 || w.TokensPerSession > 10_000_000_000 {
				t.Fatalf("a parsed workload is out of bounds: %+v", w)
			}
		}
	})
}

// A zero written by the user is an error, not a silent default.
func TestExplicitZeroIsRejected(t *testing.T) {
	for _, key := range []string{"sessions", "tokens", "devs", "calls", "hours", "days", "prefix", "output-share", "overlap", "headroom"} {
		var w Workload
		err := SetWorkloadField(&w, key, "0")
		if err == nil || !strings.Contains(err.Error(), "must be more than 0") {
			t.Errorf("%s=0: error %v", key, err)
		}
	}
	var w Workload
	if err := SetWorkloadField(&w, "pace", "0"); err == nil || !strings.Contains(err.Error(), "must be at least 0.001") {
		t.Errorf("pace=0: error %v", err)
	}
	if err := SetWorkloadField(&w, "batch", "0"); err != nil {
		t.Errorf("batch=0 is a real value: %v", err)
	}
}

func TestNonFiniteAndOutOfRangeValuesAreRejected(t *testing.T) {
	cases := []struct{ key, value, msg string }{
		{"sessions", "NaN", "not a number"},
		{"sessions", "Inf", "not a number"},
		{"pace", "-Inf", "not a number"},
		{"output-share", "nan", "not a number"},
		{"hours", "25", "must be at most 24"},
		{"days", "1e6", "must be at most 31"},
		{"sessions", "-1", "must be more than 0"},
		{"batch", "-0.1", "must be at least 0"},
		{"overlap", "2", "must be at most 1"},
		{"calls", "1e7", "must be at most 100,000"},
		{"devs", "2000000000", "must be at most 1,000,000"},
		{"tokens", "9e18", "must be at most 10,000,000,000"},
		{"mix", "haiku=NaN,sonnet=1", "not a share"},
	}
	for _, c := range cases {
		var w Workload
		err := SetWorkloadField(&w, c.key, c.value)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s=%s: error %v, want %q", c.key, c.value, err, c.msg)
		}
	}
}

// finite reports whether every float setting is a real number.
func finite(w Workload) bool {
	for _, f := range []float64{w.SessionsPerDay, w.Pace, w.HoursPerDay, w.DaysPerMonth, w.OutputShare,
		w.Overlap, w.Headroom, w.BatchShare, w.CacheMissShare} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	for _, s := range w.Mix {
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return false
		}
	}
	return true
}

// TestPaceExtremesAreRefusedByTheirFlag: --pace 1e-320 once failed with
// "unsupported value: +Inf" and --pace 1e-6 gave a 304,844-hour working
// day. The bound is the pace whose tool time still fits the tool-time
// bound (a day): one call in 16 h 40 min.
func TestPaceExtremesAreRefusedByTheirFlag(t *testing.T) {
	for _, v := range []string{"1e-320", "1e-6", "0.0009"} {
		var w Workload
		err := SetWorkloadField(&w, "pace", v)
		if err == nil || err.Error() != strconv.Quote(v)+": must be at least 0.001" {
			t.Errorf("pace %s: error %v", v, err)
		}
	}
	var w Workload
	if err := SetWorkloadField(&w, "pace", "0.001"); err != nil {
		t.Fatal(err)
	}
	r, err := Resolve(w, defaultTable(t))
	if err != nil {
		t.Fatalf("the slowest pace allowed does not resolve: %v", err)
	}
	if tool := r.Parts[0].Spec.Timing.ToolTime; tool <= 16*time.Hour || tool > 24*time.Hour {
		t.Errorf("tool time %s at 0.001 calls a minute, want under a day", tool)
	}
}

// refusedWorkloadFiles are files whose YAML a workload file does not take,
// or keys it does not know, each with the one line that says so. A second
// document was once ignored silently, and aliases and merge keys got
// "expected a single value"; a typo got the list of 30 keys.
var refusedWorkloadFiles = []struct{ name, file, want string }{
	{"second document", "sessions: 5\n---\ntokens: 1M\n",
		"f.yaml:2: a second YAML document (after ---): a workload file holds one; list several workloads under 'workloads:' instead"},
	{"alias", "sessions: &s 5\ntokens: *s\n",
		"f.yaml:2: a YAML alias (*s) is not supported in a workload file: write the value itself"},
	{"merge key", "workloads:\n  - name: a\n    <<: {sessions: 5}\n",
		"f.yaml:3: a YAML merge key (<<) is not supported in a workload file: repeat the settings in each workload"},
	{"key typo", "sesions: 5\n", `f.yaml:1: unknown key "sesions": did you mean "sessions"?`},
	{"key typo with underscores", "output_shar: 0.1\n", `f.yaml:1: unknown key "output_shar": did you mean "output-share"?`},
	{"unknown key", "colour: red\n", `f.yaml:1: unknown key "colour" (known: name, sessions, tokens,`},
}

func TestWorkloadFileRefusesWhatItDoesNotTakeWithTheRightWords(t *testing.T) {
	for _, c := range refusedWorkloadFiles {
		_, err := ParseWorkloads("f.yaml", []byte(c.file))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v\nwant %s", c.name, err, c.want)
		}
	}
}
