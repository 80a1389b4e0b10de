package simulate

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fixtureFiles reads every measurement kept in testdata/retry.
func fixtureFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "retry", "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

// The sdk and claude-code policies explain every measured run of the real
// clients: the number of retries before giving up (or succeeding), and
// each wait within the policy's window for that retry.
func TestPoliciesMatchMeasuredClients(t *testing.T) {
	seen := map[string]bool{}
	for file, b := range fixtureFiles(t) {
		m, err := ParseMeasurement(b)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if want := m.Client + "-" + m.Version + ".json"; file != want {
			t.Errorf("%s holds %s", file, want)
		}
		seen[m.Client] = true
		for _, s := range m.Scenarios {
			p, err := PolicyFor(m.Client, s)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			bad, err := p.Disagreements(s)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, b := range bad {
				t.Errorf("%s: %s", file, b)
			}
		}
	}
	for _, c := range []string{"claude-code", "sdk"} {
		if !seen[c] {
			t.Errorf("no measurement of %s in testdata/retry", c)
		}
	}
}

// The check can fail: the old claude-code policy (retry-after waited
// exactly, no floor, no 60 s limit) and a 1 s base each disagree with the
// kept measurement of Claude Code.
func TestMeasuredCheckCatchesWrongPolicies(t *testing.T) {
	var m Measurement
	for file, b := range fixtureFiles(t) {
		if got, err := ParseMeasurement(b); err == nil && got.Client == "claude-code" {
			m = got
		} else if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	if m.Client == "" {
		t.Fatal("no Claude Code measurement")
	}
	old := mustPolicy(t, "claude-code")
	old.RetryAfterMax, old.GiveUpOverRetryAfterMax, old.RetryAfterScatter, old.BackoffFloor = 0, false, 0, false
	slow := mustPolicy(t, "claude-code")
	slow.Base = time.Second
	for name, p := range map[string]Policy{"old": old, "slow": slow} {
		n := 0
		for _, s := range m.Scenarios {
			bad, err := p.Disagreements(s)
			if err != nil {
				t.Fatal(err)
			}
			n += len(bad)
		}
		if n == 0 {
			t.Errorf("the %s policy explains every measurement", name)
		}
	}
}

// Scenario answers as a policy reads them.
func TestMeasuredAnswer(t *testing.T) {
	s := MeasuredScenario{Name: "x", Status: 529, Model: "claude-opus-5-5",
		Header: map[string]string{"retry-after": "2", "retry-after-ms": "1500", "x-should-retry": "false"}}
	a, err := s.Answer()
	want := Answer{Status: 529, RetryAfter: 2 * time.Second, RetryAfterMSHeader: 1500 * time.Millisecond, ShouldRetry: "false", Opus: true}
	if err != nil || a != want {
		t.Fatalf("got %+v %v, want %+v", a, err, want)
	}
	for _, v := range []string{"soon", "-1", "1e12", "NaN"} {
		s.Header["retry-after"] = v
		if _, err := s.Answer(); err == nil {
			t.Errorf("retry-after %q accepted", v)
		}
	}
	if _, err := PolicyFor("claude-code", MeasuredScenario{Env: map[string]string{"CLAUDE_CODE_MAX_RETRIES": "x"}}); err == nil {
		t.Error("a bad retry budget accepted")
	}
	if p, _ := PolicyFor("sdk", MeasuredScenario{Env: map[string]string{"SDK_MAX_RETRIES": "6"}}); p.MaxRetries != 6 {
		t.Errorf("SDK_MAX_RETRIES=6 gives %d retries", p.MaxRetries)
	}
}
