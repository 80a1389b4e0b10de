package clientretry

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/fakeapi"
	"github.com/tierplan/tierplan/planner/simulate"
)

// RunTimeout bounds one client run: ten retries capped near 40 s each fit
// in it with room to spare.
const RunTimeout = 8 * time.Minute

// Measure shows the client each scenario's error Runs times, each run
// against its own fake API, at most parallel runs at a time. Runs mostly
// sleep, but a client starting up takes the CPU from one whose timer is
// due and lengthens its wait: keep parallel low on a busy machine.
func Measure(ctx context.Context, c Client, scenarios []Scenario, parallel int) ([]simulate.MeasuredScenario, error) {
	out := make([]simulate.MeasuredScenario, len(scenarios))
	errs := make([]error, len(scenarios))
	var mu sync.Mutex
	slots := make(chan struct{}, max(parallel, 1))
	var wg sync.WaitGroup
	for i, sc := range scenarios {
		out[i] = simulate.MeasuredScenario{Name: sc.Name, Status: sc.Status, Header: sc.Header,
			ErrorCode: sc.ErrorCode, Errors: sc.Errors, Env: sc.Env, Args: sc.Args, Runs: make([]simulate.MeasuredRun, sc.Runs)}
		for r := range sc.Runs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				slots <- struct{}{}
				defer func() { <-slots }()
				run, err := measureRun(ctx, c, sc)
				mu.Lock()
				defer mu.Unlock()
				if err != nil && errs[i] == nil {
					errs[i] = fmt.Errorf("%s run %d: %w", sc.Name, r+1, err)
				}
				out[i].Runs[r] = run.MeasuredRun
				if run.model != "" {
					out[i].Model = run.model
				}
			}()
		}
	}
	wg.Wait()
	for i := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[i].Summarise()
	}
	return out, nil
}

// run is one measured run and the model its calls asked for.
type run struct {
	simulate.MeasuredRun
	model string
}

// measureRun runs the client once against a fresh fake and reads its
// schedule from the records.
func measureRun(ctx context.Context, c Client, sc Scenario) (run, error) {
	srv, err := fakeapi.Start(sc.options())
	if err != nil {
		return run{}, err
	}
	defer srv.Close()
	env := simulate.MeasuredScenario{Env: sc.Env}.SortedEnv()
	call, err := c.Call(ctx, srv.URL, env, sc.Args, RunTimeout)
	if err != nil {
		return run{}, err
	}
	msgs := srv.Messages()
	if len(msgs) == 0 {
		return run{}, fmt.Errorf("the client sent no messages request (exit %d): %s", call.ExitCode, clip(call.Output))
	}
	r := run{MeasuredRun: Schedule(msgs), model: msgs[0].Body.Model}
	r.Succeeded = call.ExitCode == 0 && msgs[len(msgs)-1].Status == 200
	return r, nil
}

// Schedule reads a run from the fake's records of one call: the wait
// before each retry is the time from the end of one answer to the next
// arrival, rounded to the millisecond.
func Schedule(msgs []fakeapi.Request) simulate.MeasuredRun {
	sort.Slice(msgs, func(i, j int) bool { return msgs[i].At.Before(msgs[j].At) })
	run := simulate.MeasuredRun{Requests: len(msgs), DelaysS: []float64{}}
	for i := 1; i < len(msgs); i++ {
		d := msgs[i].At.Sub(msgs[i-1].Done).Seconds()
		run.DelaysS = append(run.DelaysS, math.Round(d*1000)/1000)
	}
	return run
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}
