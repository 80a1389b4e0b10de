package simulate

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/simulate"
)

// defaults are the options of a bare `simulate` (App and Workload aside).
func defaults() Options {
	return Options{Policy: "claude-code", Start: "09:00", Runs: 1,
		TokenSpread: 0.5, Days: 1, TimelineStep: time.Second, ResumeAfter: simulate.DefaultResumeAfter,
		RetryFlagsSet: map[string]bool{"max-retries": false, "retry-base": false, "retry-cap": false, "ignore-retry-after": false, "retry-after-jitter": false}}
}

// Test_NewCmdSimulate checks what the flags parse into, without running.
func Test_NewCmdSimulate(t *testing.T) {
	with := func(change func(o *Options)) Options {
		o := defaults()
		change(&o)
		return o
	}
	workload := func(o *Options) *cmdutil.WorkloadFlags { return o.Workload }
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdSimulate, []cmdtest.FlagCase[Options]{
		{Name: "defaults", Want: defaults(), Check: cmdtest.WorkloadSet(map[string]string{}, workload)},
		{Name: "tier, files, runs", Args: []string{"--tier", "start", "-f", "w.yaml", "--workload", "big", "--runs", "20", "--days", "5"},
			Want: with(func(o *Options) {
				o.Tier, o.Files, o.WorkloadName, o.Runs, o.Days = "start", []string{"w.yaml"}, "big", 20, 5
			})},
		{Name: "--days-per-month is the workload's days; --days is not", Args: []string{"--days-per-month", "15", "--days", "2", "--devs", "4"},
			Want:  with(func(o *Options) { o.Days = 2 }),
			Check: cmdtest.WorkloadSet(map[string]string{"days": "15", "devs": "4"}, workload)},
		{Name: "retry flags given are recorded, even at their defaults", Args: []string{"--max-retries", "0", "--retry-base", "1s", "--ignore-retry-after"},
			Want: with(func(o *Options) {
				o.RetryBase, o.IgnoreRetryAfter = time.Second, true
				o.RetryFlagsSet["max-retries"], o.RetryFlagsSet["retry-base"], o.RetryFlagsSet["ignore-retry-after"] = true, true, true
			})},
		{Name: "token spread given; the time model's flags are the workload's", Args: []string{"--token-spread", "0.5", "--pause", "2m", "--window", "1s", "--seed", "4"},
			Want:  with(func(o *Options) { o.TokenSpreadSet = true }),
			Check: cmdtest.WorkloadSet(map[string]string{"pause": "2m", "window": "1s", "seed": "4"}, workload)},
		{Name: "show a policy's schedule", Args: []string{"--show-policy", "sdk", "--retry-after", "90s", "--max-retries", "4"},
			Want: with(func(o *Options) {
				o.ShowPolicy, o.RetryAfter, o.MaxRetries, o.RetryFlagsSet["max-retries"] = "sdk", 90*time.Second, 4, true
			})},
		{Name: "--show-policy runs no simulation", Args: []string{"--show-policy", "sdk", "--days", "2"},
			WantErr: "--show-policy prints a policy's schedule and runs no simulation: drop --days", Usage: true},
		{Name: "a value that does not parse", Args: []string{"--runs", "-x"}, WantErr: `invalid value for --runs: "-x" is not a whole number`, Usage: true},
		{Name: "an argument", Args: []string{"start"}, WantErr: `unknown command "start" for "simulate"`, Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App", "Workload", "Chart"))
}

// Test_simulateRun runs simulate on options parsed from flags, with the
// small test table and buffers.
func Test_simulateRun(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string // a usage error; "" when the run succeeds
	}{
		{name: "no tier", args: nil, wantErr: "--tier is required: name the API tier to simulate against"},
		{name: "compare and runs", args: []string{"--tier", "tier-1", "--compare-retries", "--runs", "2"}, wantErr: "--compare-retries and --runs cannot be combined"},
		{name: "unknown tier", args: []string{"--tier", "tier-9"}, wantErr: `--tier: no tier named "tier-9" (the tier table has: tier-1, tier-2, legacy, custom)`},
		{name: "a mix naming a model twice", args: []string{"--tier", "tier-1", "--mix", "sonnet=0.5,sonnet=0.5"}, wantErr: "invalid value for --mix"},
		{name: "bad days per month", args: []string{"--tier", "tier-1", "--days-per-month", "lots"}, wantErr: "invalid value for --days-per-month"},
		{name: "a retry flag with --policy none", args: []string{"--tier", "tier-1", "--policy", "none", "--retry-cap", "2s"}, wantErr: "--retry-cap has no effect with --policy none"},
		{name: "a small day", args: []string{"--tier", "tier-2", "--devs", "2", "--hours", "1", "--tokens", "200k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatJSON)
			err := simulateRun(cmdtest.Parse(t, app, NewCmdSimulate, tt.args...))
			if tt.wantErr != "" {
				if !cmdutil.IsUsage(err) || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want the usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Tier      string `json:"tier"`
				Sessions  int64  `json:"sessions"`
				Attempted int64  `json:"attempted"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Tier != "tier-2" || rep.Sessions == 0 || rep.Attempted == 0 {
				t.Errorf("report %+v", rep)
			}
		})
	}
}
