package clientretry

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/simulate"
)

var record = flag.Bool("record", false, "write measured schedules to planner/simulate/testdata/retry")

// fixtureDir is where measurements are kept for planner/simulate's tests.
const fixtureDir = "../../../planner/simulate/testdata/retry"

// measuring skips unless TIERPLAN_MEASURE=1: a measurement takes minutes.
func measuring(t *testing.T) {
	t.Helper()
	if os.Getenv("TIERPLAN_MEASURE") != "1" {
		t.Skip("set TIERPLAN_MEASURE=1 (and the client's variable) to measure real clients; it takes minutes")
	}
}

func claudeClient(t *testing.T) Client {
	t.Helper()
	bin := os.Getenv("TIERPLAN_CLAUDE_BIN")
	if bin == "" {
		t.Skip("TIERPLAN_CLAUDE_BIN is not set (path to the claude binary of @anthropic-ai/claude-code)")
	}
	c, err := ClaudeCode(context.Background(), bin)
	if err != nil {
		t.Skipf("Claude Code is not usable: %v", err)
	}
	return c
}

func TestMeasureSDK(t *testing.T) {
	measuring(t)
	measureClient(t, sdkClient(t), SDKScenarios(), 1)
}

func TestMeasureClaudeCode(t *testing.T) {
	measuring(t)
	measureClient(t, claudeClient(t), ClaudeCodeScenarios(), 4)
}

// measureClient runs every scenario, checks the result against the
// client's policy and, with -record, keeps it as the fixture.
func measureClient(t *testing.T, c Client, scenarios []Scenario, parallel int) {
	ctx := context.Background()
	if only := os.Getenv("TIERPLAN_MEASURE_ONLY"); only != "" {
		re, err := regexp.Compile(only)
		if err != nil {
			t.Fatalf("TIERPLAN_MEASURE_ONLY: %v", err)
		}
		if *record {
			t.Fatal("-record keeps every scenario: unset TIERPLAN_MEASURE_ONLY")
		}
		scenarios = slices.DeleteFunc(scenarios, func(s Scenario) bool { return !re.MatchString(s.Name) })
	}
	if v := os.Getenv("TIERPLAN_MEASURE_PARALLEL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("TIERPLAN_MEASURE_PARALLEL=%q is not a positive count", v)
		}
		parallel = n
	}
	shape, runtime := requestShape(t, c)
	got, err := Measure(ctx, c, scenarios, parallel)
	if err != nil {
		t.Fatal(err)
	}
	m := simulate.Measurement{SchemaVersion: simulate.MeasurementSchemaVersion, Client: c.Name, Version: c.Version,
		Date: time.Now().UTC().Format(time.DateOnly), Runtime: runtime, Scenarios: got}
	if c.Name == "claude-code" {
		m.Request = &shape
	}
	for _, s := range got {
		p, err := simulate.PolicyFor(c.Name, s)
		if err != nil {
			t.Fatal(err)
		}
		bad, err := p.Disagreements(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("the %s policy does not explain %s %s: %s", c.Name, c.Name, c.Version, b)
		}
	}
	b, err := FormatMeasurement(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", b)
	if *record {
		path := filepath.Join(fixtureDir, c.Name+"-"+c.Version+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
	}
}

// requestShape makes one ordinary call and reads its shape.
func requestShape(t *testing.T, c Client) (simulate.RequestShape, string) {
	t.Helper()
	srv := fakeapi.StartTest(t, fakeapi.Options{})
	call, err := c.Call(context.Background(), srv.URL, nil, nil, 2*time.Minute)
	if err != nil || call.ExitCode != 0 {
		t.Fatalf("ordinary call: exit %d, %v: %s", call.ExitCode, err, clip(call.Output))
	}
	msgs := srv.Messages()
	return Shape(msgs), Runtime(msgs)
}
