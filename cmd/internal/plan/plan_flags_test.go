package plan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdPlan checks what the flags parse into, without running.
func Test_NewCmdPlan(t *testing.T) {
	sim := SimulateOptions{Policy: "claude-code", Runs: 5}
	workload := func(o *Options) *cmdutil.WorkloadFlags { return o.Workload }
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdPlan, []cmdtest.FlagCase[Options]{
		{Name: "no flags", Want: Options{Simulate: sim}, Check: cmdtest.WorkloadSet(map[string]string{}, workload)},
		{Name: "workload flags, files, only, fail-if-none",
			Args:  []string{"--sessions", "20", "--tokens", "800k", "-f", "w.yaml", "--only", "start,max-20x", "--fail-if-none"},
			Want:  Options{Files: []string{"w.yaml"}, Only: []string{"start", "max-20x"}, FailIfNone: true, Simulate: sim},
			Check: cmdtest.WorkloadSet(map[string]string{"sessions": "20", "tokens": "800k"}, workload)},
		{Name: "bare --from-logs takes the default locations", Args: []string{"--from-logs", "--logs-tz", "UTC"},
			Want: Options{Logs: LogsOptions{FromLogs: cmdutil.FromLogsAuto, FromLogsSet: true, TZ: "UTC", TZSet: true}, Simulate: sim}},
		{Name: "--from-logs=PATHS, and log paths as arguments", Args: []string{"--from-logs=a,b", "--logs-since", "", "c"},
			Want: Options{Logs: LogsOptions{FromLogs: "a,b", FromLogsSet: true, SinceSet: true}, Simulate: sim}},
		{Name: "simulate settings as typed; arrivals, seed and window are the workload's", Args: []string{"--simulate", "--simulate-policy", "sdk",
			"--arrival", "standup", "--seed", "9", "--window", "1s", "--simulate-runs", "2"},
			Want:  Options{Simulate: SimulateOptions{On: true, Policy: "sdk", Runs: 2}},
			Check: cmdtest.WorkloadSet(map[string]string{"arrival": "standup", "seed": "9", "window": "1s"}, workload)},
		{Name: "an argument without --from-logs", Args: []string{"w.yaml"}, WantErr: `plan takes no arguments, got "w.yaml"`, Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App", "Workload", "Chart"))
}

// Test_planRun runs plan on options parsed from flags, with the small test
// table and buffers.
func Test_planRun(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int    // the exit code the error maps to
		wantErr string // "" when the run succeeds
	}{
		{name: "--logs-since without --from-logs", args: []string{"--logs-since", "2025-11-01"}, code: cmdutil.ExitUsage, wantErr: "--logs-since needs --from-logs"},
		{name: "--logs-tz without --from-logs", args: []string{"--logs-tz", "UTC"}, code: cmdutil.ExitUsage, wantErr: "--logs-tz needs --from-logs"},
		{name: "--from-logs with --file", args: []string{"--from-logs", "-f", "w.yaml"}, code: cmdutil.ExitUsage, wantErr: "--from-logs and --file both describe the workload; give one"},
		{name: "--from-logs= naming no path", args: []string{"--from-logs=,"}, code: cmdutil.ExitUsage, wantErr: `--from-logs="," names no path`},
		{name: "unknown --only", args: []string{"--only", "tier-9"}, code: cmdutil.ExitUsage, wantErr: `--only: no tier or plan named "tier-9" in test table (did you mean "tier-1"? valid: tier-1, tier-2, legacy, custom)`},
		{name: "bad --simulate-runs", args: []string{"--simulate", "--simulate-runs", "0"}, code: cmdutil.ExitUsage, wantErr: "--simulate-runs must be 1 to 1000, not 0"},
		{name: "bad --window", args: []string{"--simulate", "--window", "2h"}, code: cmdutil.ExitUsage, wantErr: `invalid value for --window: "2h": must be at most 1h`},
		{name: "nothing fits", args: []string{"--sessions", "200", "--tokens", "5M", "--only", "tier-1", "--fail-if-none"}, code: cmdutil.ExitNoneFits},
		{name: "fits", args: []string{"--sessions", "1", "--tokens", "100k", "--fail-if-none"}, code: cmdutil.ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errb := cmdtest.App(cmdtest.SimTable(), render.FormatJSON)
			err := planRun(cmdtest.Parse(t, app, NewCmdPlan, tt.args...))
			if got := cmdutil.ExitCode(err); got != tt.code {
				t.Fatalf("exit %d, want %d; error %v", got, tt.code, err)
			}
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			var rep struct {
				Workloads []struct {
					Results []struct {
						Tier string `json:"tier"`
					} `json:"results"`
				} `json:"workloads"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil || len(rep.Workloads) != 1 || len(rep.Workloads[0].Results) == 0 {
				t.Fatalf("%v: %+v\n%s", err, rep, out)
			}
			if errb.Len() != 0 {
				t.Errorf("stderr %q: with -o json the none-fits line is left to the exit code", errb)
			}
		})
	}
}
