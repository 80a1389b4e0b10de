package simulate

import (
	"runtime"
	"slices"
	"sync"
)

// RunMany repeats a run k times with seeds Seed, Seed+1, …, so that arrivals,
// think times and (with TokenSpread) session sizes vary, and returns the
// results in seed order. Runs are independent, so they use every core; the
// results do not depend on how many. A timeline is recorded for the first
// run only.
func RunMany(cfg Config, k int) ([]Result, error) {
	cfgs := make([]Config, k)
	for i := range cfgs {
		cfgs[i] = cfg
		cfgs[i].Workload.Team.Seed = cfg.Workload.Team.Seed + uint64(i)
		if i > 0 {
			cfgs[i].Timeline = nil
		}
	}
	return runAll(cfgs)
}

// CompareRetries runs the same configuration (same seed, so the same
// arrivals and think times) once per policy.
func CompareRetries(cfg Config, policies []Policy) ([]Result, error) {
	cfgs := make([]Config, len(policies))
	for i, p := range policies {
		cfgs[i] = cfg
		cfgs[i].Policy = p
		cfgs[i].Timeline = nil
	}
	return runAll(cfgs)
}

// runAll runs configurations in parallel and returns results in order, or
// the error of the first configuration that failed.
func runAll(cfgs []Config) ([]Result, error) {
	results := make([]Result, len(cfgs))
	errs := make([]error, len(cfgs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cfgs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = Run(cfgs[i])
			}
		}()
	}
	for i := range cfgs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// MetricSpread is one metric's distribution over runs.
type MetricSpread struct {
	Metric string  `json:"metric"`
	P10    float64 `json:"p10"`
	P50    float64 `json:"p50"`
	P90    float64 `json:"p90"`
	Max    float64 `json:"max"`
}

// spreadMetrics are the metrics Summarize reports, in order.
var spreadMetrics = []struct {
	name string
	get  func(Result) float64
}{
	{"attempted", func(r Result) float64 { return float64(r.Attempted) }},
	{"rejected_429", func(r Result) float64 { return float64(r.Rejected429) }},
	{"rejected_429_per_hour", func(r Result) float64 { return r.Rejected429PerHour }},
	{"abandoned", func(r Result) float64 { return float64(r.Abandoned) }},
	{"wait_p50_s", func(r Result) float64 { return r.WaitP50S }},
	{"wait_p95_s", func(r Result) float64 { return r.WaitP95S }},
	{"wait_p99_s", func(r Result) float64 { return r.WaitP99S }},
	{"session_wait_p95_s", func(r Result) float64 { return r.SessionWaitP95S }},
	{"day_longer_pct", func(r Result) float64 { return r.DayLongerPct }},
	{"session_longer_pct", func(r Result) float64 { return r.SessionLongerPct }},
	{"spend_usd", func(r Result) float64 { return r.Spend.Float() }},
}

// Summarize gives, for the key metrics, their nearest-rank p10, p50, p90 and
// maximum over runs: "in 9 runs of 10 the day has fewer than N 429s".
func Summarize(rs []Result) []MetricSpread {
	if len(rs) == 0 {
		return nil
	}
	out := make([]MetricSpread, 0, len(spreadMetrics))
	for _, m := range spreadMetrics {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = m.get(r)
		}
		slices.Sort(v)
		out = append(out, MetricSpread{Metric: m.name, P10: rank(v, 0.10), P50: rank(v, 0.50), P90: rank(v, 0.90), Max: v[len(v)-1]})
	}
	return out
}

// rank is the nearest-rank p-quantile of sorted, non-empty values.
func rank(sorted []float64, p float64) float64 {
	k := int(p*float64(len(sorted)) - 1e-9) // ceil(p·n) − 1, as an index
	return sorted[min(max(k, 0), len(sorted)-1)]
}
