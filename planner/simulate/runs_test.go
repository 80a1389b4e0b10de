package simulate

import (
	"reflect"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

func throttledConfig(t *testing.T) Config {
	cfg := baseConfig(tiers.Limits{RPM: 50, ITPM: 30_000, OTPM: 8_000},
		repeatCalls(30, Call{Input: 300, CacheWrite: 2500, CacheRead: 30_000, Output: 500}))
	cfg.Devs, cfg.SessionsPerDay, cfg.Arrival = 8, 2, Poisson
	cfg.WorkHours = time.Hour
	cfg.Think, cfg.FirstToken, cfg.TokensPerSecond = 4*time.Second, time.Second, 60
	cfg.Policy = mustPolicy(t, "claude-code")
	return cfg
}

// Parallel runs give exactly the results of running each seed alone.
func TestRunManyMatchesSingleRuns(t *testing.T) {
	cfg := throttledConfig(t)
	cfg.TokenSpread = 0.5
	rs, err := RunMany(cfg, 4)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		one := cfg
		one.Seed = cfg.Seed + uint64(i)
		if want := mustRun(t, one); !reflect.DeepEqual(r, want) {
			t.Fatalf("run %d differs from a single run with seed %d", i, one.Seed)
		}
	}
	if reflect.DeepEqual(rs[0], rs[1]) {
		t.Fatal("different seeds gave identical runs")
	}
}

// Every policy sees the same workload: the same calls are attempted.
func TestCompareRetriesSameWorkload(t *testing.T) {
	cfg := throttledConfig(t)
	var ps []Policy
	for _, n := range PolicyNames() {
		ps = append(ps, mustPolicy(t, n))
	}
	rs, err := CompareRetries(cfg, ps)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if r.Policy != PolicyNames()[i] || r.Sessions != rs[0].Sessions {
			t.Fatalf("row %d: policy %s, %d sessions", i, r.Policy, r.Sessions)
		}
		one := cfg
		one.Policy = ps[i]
		if want := mustRun(t, one); !reflect.DeepEqual(r, want) {
			t.Fatalf("%s differs from its single run", r.Policy)
		}
	}
	none, sdk := rs[0], rs[1]
	if none.Rejected429 == 0 || none.Requests != none.Attempted {
		t.Fatalf("none: %d 429s, %d requests for %d calls", none.Rejected429, none.Requests, none.Attempted)
	}
	// Retrying turns abandoned calls into later successes.
	if sdk.Abandoned >= none.Abandoned {
		t.Fatalf("sdk abandoned %d, none %d", sdk.Abandoned, none.Abandoned)
	}
}

func TestSummarize(t *testing.T) {
	var rs []Result
	for _, n := range []int64{7, 1, 9, 3, 5, 2, 8, 4, 10, 6} {
		rs = append(rs, Result{Rejected429: n * 10, WaitP95S: float64(n) / 2})
	}
	got := map[string]MetricSpread{}
	for _, s := range Summarize(rs) {
		got[s.Metric] = s
	}
	// 10 runs: p10 = 1st smallest, p50 = 5th, p90 = 9th (nearest rank)
	if s := got["rejected_429"]; s.P10 != 10 || s.P50 != 50 || s.P90 != 90 || s.Max != 100 {
		t.Errorf("rejected_429: %+v", s)
	}
	if s := got["wait_p95_s"]; s.P10 != 0.5 || s.P50 != 2.5 || s.P90 != 4.5 || s.Max != 5 {
		t.Errorf("wait_p95_s: %+v", s)
	}
	if Summarize(nil) != nil {
		t.Error("no runs should summarise to nothing")
	}
}
