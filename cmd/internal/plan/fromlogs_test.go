package plan_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func TestPlanFromLogs(t *testing.T) {
	r := runCmd(t, nil, false, "plan", "--from-logs="+usageFixture, "--logs-tz", "UTC")
	if r.Code != 0 {
		t.Fatalf("exit %d, stderr %s", r.Code, r.Stderr)
	}
	if !strings.Contains(r.Stderr, "3 of 16 lines unreadable") {
		t.Errorf("bad lines not reported: %q", r.Stderr)
	}
	cmdtest.Golden(t, "plan-from-logs.txt", r.Stdout)

	r = runCmd(t, nil, false, "plan", "--from-logs="+usageFixture, "--logs-tz", "UTC", "--devs", "4", "-o", "json")
	var rep struct {
		Workloads []struct {
			Name   string `json:"name"`
			Inputs struct {
				Tokens   int64   `json:"tokens_per_session"`
				Sessions float64 `json:"sessions_per_day"`
				Devs     int     `json:"devs"`
			} `json:"inputs"`
			Notes []string `json:"notes"`
		} `json:"workloads"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("%v: %s", err, r.Stdout)
	}
	// Two sessions: 3,304 tokens (the web one) and 265,491 (api-server, its
	// subagent included). Nearest rank of two: p50 is the first, p90 the
	// second. Two sessions on two active days: 1 a day.
	if len(rep.Workloads) != 2 || rep.Workloads[0].Name != "logs-typical" || rep.Workloads[0].Inputs.Tokens != 3304 ||
		rep.Workloads[1].Inputs.Tokens != 265491 || rep.Workloads[0].Inputs.Sessions != 1 || rep.Workloads[0].Inputs.Devs != 4 {
		t.Fatalf("workloads %+v", rep.Workloads)
	}
	if notes := strings.Join(rep.Workloads[1].Notes, "|"); !strings.Contains(notes, "derived from Claude Code logs: 2 sessions on 2 active days; the 90th-percentile session") {
		t.Errorf("notes %q", notes)
	}
}

func TestPlanFromLogsBadArguments(t *testing.T) {
	cases := map[string][]string{
		"with a workload file":       {"plan", "--from-logs=" + usageFixture, "-f", "w.yaml"},
		"logs-since without logs":    {"plan", "--logs-since", "2025-11-01"},
		"bad logs-since":             {"plan", "--from-logs=" + usageFixture, "--logs-since", "soon"},
		"empty path list":            {"plan", "--from-logs=,"},
		"bad override of a derivate": {"plan", "--from-logs=" + usageFixture, "--pace", "fast"},
	}
	for name, args := range cases {
		r := runCmd(t, nil, false, args...)
		if r.Code != cmdutil.ExitUsage {
			t.Errorf("%s: exit %d, stderr %q", name, r.Code, r.Stderr)
		}
	}
	r := runCmd(t, nil, false, "plan", "--from-logs="+usageFixture, "--logs-since", "2030-01-01")
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "no API calls") {
		t.Errorf("no calls in range: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// Timestamps decades apart (1970, 9998) make the active days per month
// round below one: the planner default stands, and the table says why.
func TestPlanFromLogsOutlierTimestamps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "projects", "p")
	var lines []string
	for i, day := range []string{"1970-01-01", "2025-11-04", "9998-12-31"} {
		// Each session: three calls a minute apart, the context growing
		// from a 20,000-token cache write.
		usages := []string{
			`"input_tokens":10,"cache_creation_input_tokens":20000,"output_tokens":500`,
			`"input_tokens":5,"cache_creation_input_tokens":1000,"cache_read_input_tokens":20010,"output_tokens":400`,
			`"input_tokens":5,"cache_creation_input_tokens":1000,"cache_read_input_tokens":21010,"output_tokens":300`,
		}
		for j, u := range usages {
			lines = append(lines, fmt.Sprintf(`{"sessionId":"s%d","type":"assistant","timestamp":"%sT09:0%d:00Z","requestId":"r%d%d","message":{"id":"m%d%d","model":"claude-sonnet-4-5-20250929","usage":{%s}}}`, i, day, j, i, j, i, j, u))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "s.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, nil, false, "plan", "--from-logs="+dir, "--logs-tz", "UTC")
	if r.Code != 0 {
		t.Fatalf("exit %d, stderr %s", r.Code, r.Stderr)
	}
	if !strings.Contains(r.Stdout, "planner default (3 active days over 2,932,532 days of logs is under 1 a month)") {
		t.Errorf("days per month row:\n%s", r.Stdout)
	}
	if !strings.Contains(r.Stdout, "per month (21 days)") {
		t.Errorf("not planned with the default 21 days:\n%s", r.Stdout)
	}
}

// The transcripts the usage package's tests are built on.
var usageFixture = filepath.Join("..", "..", "..", "planner", "usage", "testdata", "logs")

// usageTiers prices with late-2025 list prices and two API tiers, so these
// tests do not depend on the shipped table.
var usageTiers = filepath.Join("testdata", "usage-tiers.yaml")

// runCmd runs tierplan in-process with the test tier table.
func runCmd(t *testing.T, env map[string]string, terminal bool, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.RunExact(t, root.Main, env, cmdtest.LogsNow, terminal, append([]string{"--tiers", usageTiers}, args...)...)
}
