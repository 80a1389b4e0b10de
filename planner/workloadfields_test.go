package planner

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestParseMix(t *testing.T) {
	cases := []struct {
		in   string
		want map[string]float64
	}{
		{"haiku=0.3,sonnet=0.6,opus=0.1", map[string]float64{"haiku": 0.3, "sonnet": 0.6, "opus": 0.1}},
		{" haiku = 30% , sonnet=70%", map[string]float64{"haiku": 0.3, "sonnet": 0.7000000000000001}}, // 70 × 0.01
		{"sonnet=1", map[string]float64{"sonnet": 1}},
		// Shares add up to 1 within 0.001: a third each.
		{"a=0.333,b=0.333,c=0.334", map[string]float64{"a": 0.333, "b": 0.333, "c": 0.334}},
	}
	for _, c := range cases {
		var w Workload
		if err := ParseMix(&w, c.in); err != nil || len(w.Mix) != len(c.want) {
			t.Errorf("ParseMix(%q) = %v, %v", c.in, w.Mix, err)
			continue
		}
		for m, s := range c.want {
			if w.Mix[m] != s {
				t.Errorf("ParseMix(%q): %s = %g, want %g", c.in, m, w.Mix[m], s)
			}
		}
	}
}

// Bad mixes (ported from the deleted TestMixRejectsBadShares, with the
// messages).
func TestParseMixRejects(t *testing.T) {
	cases := []struct{ in, want string }{
		{"sonnet=0.5,haiku=0.4", "shares add up to 0.9, not 1"},
		{"sonnet=50%,haiku=40%", "shares add up to 0.9, not 1"},
		{"sonnet=1.5", "sonnet's share must be in (0, 1], not 1.5"},
		{"sonnet=0,haiku=1", "sonnet's share must be in (0, 1], not 0"},
		{"sonnet=-1,haiku=2", "share must be in (0, 1]"},
		{"sonnet", `"sonnet" is not model=share`},
		{"=1", `"=1" is not model=share`},
		{"", `"" is not model=share`},
		{"sonnet=1,", `"" is not model=share`},
		{"sonnet=x", `sonnet: "x" is not a share`},
		{"sonnet=NaN", `sonnet: "NaN" is not a share`},
		{"sonnet=Inf", `sonnet: "Inf" is not a share`},
		{"sonnet=%", `sonnet: "" is not a share`},
		{"sonnet=0.5,sonnet=0.5", "sonnet appears twice"},
		{"son\x1b[31mnet=1", `"son\x1b[31mnet=1" is not model=share`},
	}
	for _, c := range cases {
		w := Workload{Mix: map[string]float64{"kept": 1}}
		err := ParseMix(&w, c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseMix(%q): error %v, want one containing %q", c.in, err, c.want)
		}
		if w.Mix["kept"] != 1 || len(w.Mix) != 1 {
			t.Errorf("ParseMix(%q) changed the workload on error: %v", c.in, w.Mix)
		}
	}
}

// A model name with a newline in a mix ("0\n0=") gave a two-line error:
// the name was printed as given. A name must be printable.
func TestMixNameWithANewlineBrokeTheOneLineError(t *testing.T) {
	var w Workload
	err := ParseMix(&w, "0\n0=")
	if err == nil || err.Error() != `"0\n0=" is not model=share` {
		t.Errorf("error %v, want the part quoted on one line", err)
	}
}

func FuzzParseMix(f *testing.F) {
	for _, s := range []string{"haiku=0.3,sonnet=0.6,opus=0.1", "haiku=30%,sonnet=70%", "sonnet=1", "a=1,a=1",
		"=", ",", "x=1e308,y=-1e308", "x=0.5%,y=99.5%", "x=NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Workload
		if err := ParseMix(&w, s); err != nil {
			if strings.ContainsAny(err.Error(), "\n\r\x1b") {
				t.Fatalf("%q: error %q is not one plain line", s, err)
			}
			return
		}
		sum := 0.0
		for m, x := range w.Mix {
			if strings.TrimSpace(m) == "" || !(x > 0 && x <= 1) {
				t.Fatalf("%q: accepted %q = %g", s, m, x)
			}
			sum += x
		}
		if math.Abs(sum-1) > 0.001 {
			t.Fatalf("%q: shares add up to %g", s, sum)
		}
	})
}

func TestParseCache(t *testing.T) {
	for in, want := range map[string]Workload{
		"5m": {CacheTTL: 5 * time.Minute}, "on": {CacheTTL: 5 * time.Minute}, "true": {CacheTTL: 5 * time.Minute},
		" 1H ": {CacheTTL: time.Hour}, "off": {NoCache: true}, "None": {NoCache: true}, "false": {NoCache: true},
	} {
		var w Workload
		if err := ParseCache(&w, in); err != nil || w.NoCache != want.NoCache || (!w.NoCache && w.CacheTTL != want.CacheTTL) {
			t.Errorf("ParseCache(%q) = %+v, %v", in, w, err)
		}
	}
	for _, bad := range []string{"", "2h", "5 m", "yes", "5m,1h", "\x00"} {
		var w Workload
		if err := ParseCache(&w, bad); err == nil || !strings.Contains(err.Error(), "is not a cache setting (5m, 1h or off)") {
			t.Errorf("ParseCache(%q): %v", bad, err)
		}
	}
}

func FuzzParseCache(f *testing.F) {
	for _, s := range []string{"5m", "1h", "off", "ON", " none ", "2h", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Workload
		if err := ParseCache(&w, s); err != nil {
			return
		}
		if c := w.Cache().String(); c != "5m" && c != "1h" && c != "off" {
			t.Fatalf("%q: cache %q", s, c)
		}
	})
}

// Bad values of the settings not covered by workloadfile_test.go, with the
// messages the user sees after the flag's name.
func TestSetWorkloadFieldRejects(t *testing.T) {
	cases := []struct{ key, value, want string }{
		{"nope", "1", `unknown key "nope"`},
		{"calls", "1.5", `"1.5" is not a whole number`},
		{"growth", "1.5", `"1.5" is not a whole number`},
		{"devs", "3e9", `"3e9": must be at most 1,000,000`},
		{"window", "0.5s", `"0.5s": must be at least 1s`},
		{"window", "2h", `"2h": must be at most 1h`},
		{"pause", "25h", `"25h": must be at most 24h`},
		{"pause", "-1s", `"-1s": must be more than 0s (leave it out for the default)`},
		{"first-token", "11m", `"11m": must be at most 10m`},
		{"tool-time", "3 parsecs", `"3 parsecs" is not a duration (8s, 3m, 1h30m)`},
		{"seed", "0", `"0" is not a seed (a whole number from 1)`},
		{"seed", "1.5", `"1.5" is not a seed (a whole number from 1)`},
		{"seed", "-3", `"-3" is not a seed (a whole number from 1)`},
		{"arrival", "daily", `"daily" is not an arrival pattern (spread, poisson, standup)`},
		{"calls-per-turn", "0.5", `"0.5": must be at least 1`},
		{"output-share", "0.995", `"0.995": must be at most 0.99`},
		{"cache", "2h", `"2h" is not a cache setting (5m, 1h or off)`},
	}
	for _, c := range cases {
		var w Workload
		err := SetWorkloadField(&w, c.key, c.value)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s=%s: error %v, want %q", c.key, c.value, err, c.want)
		}
	}
	var w Workload
	if err := SetWorkloadField(&w, "output_per_call", "500"); err != nil || w.OutputPerCall != 500 {
		t.Errorf("a key with '_' for '-': %v, %+v", err, w)
	}
}

// `--first-token 11m` was refused as "must be at most 1": the bound's
// text, 10m0s, lost its "0s" and then the "0m" of "10m".
func TestFirstTokenBoundSaidAtMostOne(t *testing.T) {
	for s, want := range map[float64]string{0: "0s", 1: "1s", 10: "10s", 90: "1m30s", 600: "10m", 3_600: "1h", 5_400: "1h30m", 86_400: "24h"} {
		if got := secondsText(s); got != want {
			t.Errorf("secondsText(%g) = %q, want %q", s, got, want)
		}
	}
}

// The help of each setting states the default the planner applies;
// --max-tokens said 32k while 128k was applied.
func TestMaxTokensHelpSaid32k(t *testing.T) {
	want := map[string]string{
		"sessions": "8", "tokens": "800k", "model": DefaultModel, "devs": "1", "growth": "1k", "output-per-call": "475",
		"prefix": "18k", "cache": "5m", "cache-miss": "0", "max-tokens": FormatQuantity(DefaultMaxTokens), "calls-per-turn": "10",
		"tool-time": DefaultToolTime.String(), "pause": DefaultPause.String(), "hours": "8", "days": "21",
		"arrival": "spread", "window": DefaultWindow.String(), "seed": "1", "headroom": "0.8", "batch": "0",
	}
	def := regexp.MustCompile(`\(default ([^):]+)\)`)
	for _, f := range WorkloadFields {
		m := def.FindStringSubmatch(f.Usage)
		if m == nil {
			continue
		}
		got, w := m[1], want[f.Key]
		if f.Type == "DURATION" { // 3m and 3m0s are one default
			a, errA := time.ParseDuration(got)
			b, errB := time.ParseDuration(w)
			if errA == nil && errB == nil && a == b {
				continue
			}
		}
		if got != w {
			t.Errorf("--%s says (default %s), the planner applies %q", f.Key, got, w)
		}
	}
}

// Any single setting, accepted, resolves or is refused with an error:
// never a panic, and never a value outside its bounds.
func FuzzSetWorkloadField(f *testing.F) {
	for i := range WorkloadFields {
		f.Add(uint8(i), "1")
		f.Add(uint8(i), "1e9")
	}
	f.Add(uint8(0), "NaN")
	f.Add(uint8(1), "9,999,999,999")
	f.Fuzz(func(t *testing.T, key uint8, value string) {
		fl := WorkloadFields[int(key)%len(WorkloadFields)]
		var w Workload
		if err := SetWorkloadField(&w, fl.Key, value); err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%s=%q: a multi-line error", fl.Key, value)
			}
			return
		}
		if !finite(w) || w.TokensPerSession > MaxTokensPerSession || w.Devs > MaxDevs || w.CallsPerSession > 100_000 {
			t.Fatalf("%s=%q accepted as %+v", fl.Key, value, w)
		}
		_, _ = Resolve(w, smallTable())
	})
}
