package simulate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// --show-policy in every format, and the schedules that read differently.
func TestShowPolicyGolden(t *testing.T) {
	for _, f := range []string{"table", "json", "yaml", "csv", "markdown"} {
		t.Run(f, func(t *testing.T) {
			out, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--show-policy", "claude-code", "--retry-after", "2s", "-o", f)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			cmdtest.Golden(t, "show-policy."+f, out)
		})
	}
	for name, args := range map[string][]string{
		"sdk":               {"--show-policy", "sdk"},
		"claude-code-61s":   {"--show-policy", "claude-code", "--retry-after", "61s"},
		"none":              {"--show-policy", "none"},
		"decorrelated-over": {"--show-policy", "decorrelated", "--max-retries", "4", "--retry-cap", "10s", "--ignore-retry-after", "--retry-after", "5s"},
		"sdk-jitter":        {"--show-policy", "SDK", "--retry-after", "10s", "--retry-after-jitter", "3s"},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runWithTable(t, cmdtest.SimTable(), append([]string{"simulate"}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			cmdtest.Golden(t, "show-policy-"+name+".table", out)
		})
	}
}

// The JSON contract: the fields scripts read, with hand-computed windows.
func TestShowPolicyJSON(t *testing.T) {
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--show-policy", "claude-code", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		Policy        string `json:"policy"`
		MaxRetries    int    `json:"max_retries"`
	}
	var raw struct {
		Retries []map[string]float64 `json:"retries"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Policy != "claude-code" || doc.MaxRetries != 10 || len(raw.Retries) != 10 {
		t.Fatalf("got %+v", doc)
	}
	// retry 1: 0.5·[1, 1.25]; retry 7 on: 32·[1, 1.25]
	for _, c := range []struct {
		i        int
		min, max float64
	}{{0, 0.5, 0.625}, {5, 16, 20}, {9, 32, 40}} {
		r := raw.Retries[c.i]
		if r["retry"] != float64(c.i+1) || r["min_delay_s"] != c.min || r["max_delay_s"] != c.max {
			t.Errorf("retry %d: %v", c.i+1, r)
		}
	}
}

// Misuse gets one line naming the flag, and exit 2.
func TestShowPolicyErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--show-policy", "exponential"}, `--show-policy: unknown retry policy "exponential"`},
		{[]string{"--show-policy", "sdk", "--retry-after", "-1s"}, "--retry-after must not be negative, not -1s"},
		{[]string{"--show-policy", "sdk", "--retry-after", "2"}, `invalid value for --retry-after: "2" is not a duration`},
		{[]string{"--tier", "tier-1", "--retry-after", "2s"}, "--retry-after goes with --show-policy only"},
		{[]string{"--show-policy", "sdk", "--tier", "tier-1"}, "runs no simulation: drop --tier"},
		{[]string{"--show-policy", "sdk", "--policy", "full-jitter"}, "runs no simulation: drop --policy"},
		{[]string{"--show-policy", "sdk", "--compare-retries"}, "runs no simulation: drop --compare-retries"},
		{[]string{"--show-policy", "none", "--max-retries", "3"}, "--max-retries has no effect with --show-policy none"},
		{[]string{"--show-policy", "sdk", "--max-retries", "1001"}, "--max-retries must be 0 to 1000"},
		{[]string{"--show-policy", "sdk", "--retry-cap", "100ms"}, "retry policy sdk: retry cap 100ms is below the base 500ms"},
	}
	for _, tc := range cases {
		out, errOut, code := runWithTable(t, cmdtest.SimTable(), append([]string{"simulate"}, tc.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, firstLine(errOut), tc.want)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
