package simulate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/planner/day"
	"github.com/tierplan/tierplan/tiers"
)

func throttledConfig(t *testing.T) Config {
	h := hand{limits: tiers.Limits{RPM: 50, ITPM: 30_000, OTPM: 8_000}, calls: 30, input: 3_000, output: 500,
		firstToken: time.Second, gap: 4 * time.Second, devs: 8, sessionsPerDay: 2, arrival: day.Poisson, hours: time.Hour}
	cfg := h.config(t)
	cfg.Policy = mustPolicy(t, "claude-code")
	cfg.Workload.Workload.TokensPerSession = 500_000
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
		one.Workload.Team.Seed = cfg.Workload.Team.Seed + uint64(i)
		if want := mustRun(t, one); !reflect.DeepEqual(r, want) {
			t.Fatalf("run %d differs from a single run with seed %d", i, one.Workload.Team.Seed)
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

// A day starting at 23:30 crosses midnight: its hours are listed from
// 23:00, the order they happen in, not by clock.
func TestHoursOrderedFromDayStart(t *testing.T) {
	// One session of 240 calls about a minute apart from 23:30.
	cfg := hand{limits: tiers.Limits{RPM: 1_000}, calls: 240, input: 1, gap: time.Minute, arrival: day.Standup}.config(t)
	cfg.DayStart = 23*time.Hour + 30*time.Minute
	r := mustRun(t, cfg)
	if len(r.Hours) < 3 || r.Hours[0].Hour != 23 || r.Hours[1].Hour != 0 || r.Hours[2].Hour != 1 {
		t.Fatalf("hours %+v, want 23, 0, 1, …", r.Hours)
	}
}

// A mix across two pools runs one set of buckets per pool: a pool's calls
// draw only on its own buckets.
func TestMixAcrossPools(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RPM: 1_000}, calls: 5, input: 100, devs: 20, arrival: day.Standup}.config(t)
	second := cfg.Workload.Parts[0]
	second.Model.Name, second.Model.Pool = "m2", "p2"
	cfg.Workload.Parts[0].Share, second.Share = 0.5, 0.5
	cfg.Workload.Parts = append(cfg.Workload.Parts, second)
	// Pool p2 allows 10 requests a minute at once: the 10 or so sessions
	// on it cannot all pass at the bell; pool p has room for all of its.
	cfg.Tier.Limits["p2"] = tiers.Limits{RPM: 3}
	r := mustRun(t, cfg)
	if r.RejectedBy["rpm"] == 0 {
		t.Fatalf("pool p2 should throttle: %+v", r)
	}
	if got := BucketNames(Pools(cfg)); len(got) != 8 || got[0] != "p/rpm" || got[4] != "p2/rpm" {
		t.Fatalf("bucket names %v", got)
	}
	// p2 limits only requests: its token buckets are no buckets.
	if got := fmt.Sprint(LimitedBuckets(cfg)); !strings.HasSuffix(got, " {4 p2/rpm}]") || strings.Contains(got, "p2/itpm") {
		t.Fatalf("limited buckets %s", got)
	}
	u := r.Hours[0].Utilization
	if _, ok := u["p/rpm"]; !ok {
		t.Fatalf("hour utilisation per pool: %v", u)
	}
}

// Memory is one day's sessions: a month of days reuses the slots of the
// sessions that ended.
func TestSessionSlotsAreReused(t *testing.T) {
	cfg := hand{limits: tiers.Limits{RPM: 1_000}, calls: 3, input: 10, gap: time.Second, devs: 10, sessionsPerDay: 4}.config(t)
	cfg.Days = 30
	r := mustRun(t, cfg)
	if r.Sessions != 30*40 {
		t.Fatalf("%d sessions, want 1,200", r.Sessions)
	}
	if n := slotsUsed(t, cfg); n > 40 {
		t.Fatalf("%d session slots for days of 40 sessions", n)
	}
}
