package clientretry

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/simulate"
)

// TestMain lets the test binary play a client (the usual helper-process
// trick), so the harness can be tested without node or Claude Code.
func TestMain(m *testing.M) {
	if os.Getenv("CLIENTRETRY_HELPER") == "1" {
		os.Exit(helperClient())
	}
	os.Exit(m.Run())
}

// helperClient posts to the fake until a 200, waiting HELPER_WAIT_MS
// between tries and giving up after HELPER_RETRIES retries. It exits 3 if
// it can see a variable its parent set, 0 on success, 1 on giving up.
func helperClient() int {
	if os.Getenv("CLIENTRETRY_PARENT_ONLY") != "" {
		return 3
	}
	wait, _ := strconv.Atoi(os.Getenv("HELPER_WAIT_MS"))
	retries, _ := strconv.Atoi(os.Getenv("HELPER_RETRIES"))
	for n := 0; ; n++ {
		req, _ := http.NewRequest(http.MethodPost, os.Getenv("ANTHROPIC_BASE_URL")+"/v1/messages",
			strings.NewReader(`{"model":"helper-model","max_tokens":5,"messages":[]}`))
		req.Header.Set("x-api-key", os.Getenv("ANTHROPIC_API_KEY"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 2
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			return 0
		}
		if n == retries {
			return 1
		}
		time.Sleep(time.Duration(wait) * time.Millisecond)
	}
}

func helper(t *testing.T) Client {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Client{Name: "helper", Version: "0", argv: []string{exe, "-test.run=^$"},
		env: []string{"CLIENTRETRY_HELPER=1", "HELPER_WAIT_MS=40", "HELPER_RETRIES=3"}}
}

// The harness reads the helper's known schedule back: three retries 40 ms
// apart, giving up or succeeding as scripted.
func TestMeasureReadsASchedule(t *testing.T) {
	t.Setenv("CLIENTRETRY_PARENT_ONLY", "set in the parent only")
	got, err := Measure(context.Background(), helper(t), []Scenario{
		{Name: "errors-only", Status: 429, Header: header("retry-after", "1"), Runs: 2},
		{Name: "one-error", Status: 529, Errors: 1, Env: header("HELPER_WAIT_MS", "10"), Runs: 1},
	}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got[0].Runs {
		if r.Requests != 4 || r.Succeeded || len(r.DelaysS) != 3 {
			t.Fatalf("errors-only run: %+v", r)
		}
		for _, d := range r.DelaysS {
			if d < 0.040 || d > 5 {
				t.Errorf("waited %gs, the helper sleeps 40 ms", d)
			}
		}
	}
	if got[0].Retries != 3 || got[0].Model != "helper-model" || len(got[0].DelaysS) != 3 {
		t.Errorf("summary %+v", got[0])
	}
	if r := got[1].Runs[0]; r.Requests != 2 || !r.Succeeded || r.DelaysS[0] < 0.010 {
		t.Errorf("one-error run: %+v", r)
	}
}

func TestCallBoundsAndIsolates(t *testing.T) {
	t.Setenv("CLIENTRETRY_PARENT_ONLY", "set in the parent only")
	srv := fakeapi.StartTest(t, fakeapi.Options{Then: fakeapi.RateLimited("")})
	c := helper(t)
	call, err := c.Call(context.Background(), srv.URL, []string{"HELPER_WAIT_MS=60000"}, nil, 300*time.Millisecond)
	if err == nil || call.ExitCode != -1 || !strings.Contains(err.Error(), "did not finish within 300ms") {
		t.Fatalf("a hung client: exit %d, %v", call.ExitCode, err)
	}
	// the helper does notice the variable when it is passed on purpose, so
	// TestMeasureReadsASchedule, where only the parent sets it, can fail
	if call, err = c.Call(context.Background(), srv.URL, []string{"CLIENTRETRY_PARENT_ONLY=x"}, nil, time.Minute); err != nil || call.ExitCode != 3 {
		t.Fatalf("env: exit %d, %v", call.ExitCode, err)
	}
	for _, r := range srv.Requests() {
		if r.Header.Get("x-api-key") != fakeapi.Redacted {
			t.Errorf("key header %q", r.Header.Get("x-api-key"))
		}
	}
}

func TestShapeAndRuntime(t *testing.T) {
	h := http.Header{}
	h.Set("anthropic-beta", "a-1, b-2,,")
	h.Set("x-stainless-runtime", "node")
	h.Set("x-stainless-runtime-version", "v20")
	h.Set("x-stainless-os", "Linux")
	h.Set("x-stainless-arch", "x64")
	msgs := []fakeapi.Request{{RawQuery: "beta=true", Header: h, Body: fakeapi.Body{Model: "m", MaxTokens: 64000,
		Stream: true, SystemBytes: 4000, Tools: []string{"Bash"}, ThinkingType: "adaptive"}}, {}}
	s := Shape(msgs)
	if s.Model != "m" || s.MaxTokens != 64000 || strings.Join(s.Betas, "|") != "a-1|b-2" || s.RequestsPerPrompt != 2 ||
		s.Query != "beta=true" || s.Thinking != "adaptive" || len(s.Tools) != 1 {
		t.Errorf("shape %+v", s)
	}
	if got := Runtime(msgs); got != "node v20, Linux x64" {
		t.Errorf("runtime %q", got)
	}
	if Shape(nil).Model != "" || Runtime(nil) != "" {
		t.Error("no requests, yet a shape")
	}
}

func TestScheduleFromRecords(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	msgs := []fakeapi.Request{
		{At: t0.Add(2600 * time.Millisecond), Done: t0.Add(2601 * time.Millisecond)},
		{At: t0, Done: t0.Add(2 * time.Millisecond)},
		{At: t0.Add(502 * time.Millisecond), Done: t0.Add(600 * time.Millisecond)},
	}
	// sorted by arrival: 0 → done 0.002, next at 0.502: 0.5 s; done 0.6, next at 2.6: 2 s
	r := Schedule(msgs)
	if r.Requests != 3 || len(r.DelaysS) != 2 || r.DelaysS[0] != 0.5 || r.DelaysS[1] != 2 {
		t.Fatalf("run %+v", r)
	}
}

// The kept fixtures are exactly what the harness writes; -record rewrites
// them in that form.
func TestFixturesAreFormatted(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureDir, err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := simulate.ParseMeasurement(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want, err := FormatMeasurement(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) == string(want) {
			continue
		}
		if !*record {
			t.Errorf("%s is not in the harness's format; go test ./cmd/internal/clientretry -run TestFixturesAreFormatted -record rewrites it", p)
			continue
		}
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFormatMeasurementKeepsNumbersOnOneLine(t *testing.T) {
	m := simulate.Measurement{Client: "c", Scenarios: []simulate.MeasuredScenario{{Name: "s",
		Runs:    []simulate.MeasuredRun{{Requests: 3, DelaysS: []float64{0.5, 1.25}}},
		DelaysS: [][2]float64{{0.5, 0.5}, {1.25, 1.25}}}}}
	b, err := FormatMeasurement(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"delays_s": [ 0.5, 1.25 ],`, `"delay_range_s": [ [ 0.5, 0.5 ], [ 1.25, 1.25 ] ]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("no %s in\n%s", want, b)
		}
	}
	var back simulate.Measurement
	if err := json.Unmarshal(b, &back); err != nil || back.Scenarios[0].Runs[0].DelaysS[1] != 1.25 {
		t.Errorf("does not read back: %v", err)
	}
}
