package cost

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdCost checks what the flags parse into, without running.
func Test_NewCmdCost(t *testing.T) {
	workload := func(o *Options) *cmdutil.WorkloadFlags { return o.Workload }
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdCost, []cmdtest.FlagCase[Options]{
		{Name: "no flags", Check: cmdtest.WorkloadSet(map[string]string{}, workload)},
		{Name: "workload flags kept as typed", Args: []string{"--sessions", "20", "--tokens", "800k", "--mix", "haiku=0.3,sonnet=0.7"},
			Check: cmdtest.WorkloadSet(map[string]string{"sessions": "20", "tokens": "800k", "mix": "haiku=0.3,sonnet=0.7"}, workload)},
		{Name: "files, a workload and a sweep", Args: []string{"-f", "a.yaml", "--file", "b.yaml", "--workload", "big", "--sweep", "sessions=1..30:3"},
			Want: Options{Files: []string{"a.yaml", "b.yaml"}, WorkloadName: "big", Sweep: "sessions=1..30:3"}},
		{Name: "an argument", Args: []string{"800k"}, WantErr: `unknown command "800k" for "cost"`, Usage: true},
		{Name: "an unknown flag", Args: []string{"--session", "2"}, WantErr: "unknown flag: --session"},
	}, cmpopts.IgnoreFields(Options{}, "App", "Workload", "Chart"))
}

// Test_costRun runs cost on options parsed from flags, with the small test
// table and buffers.
func Test_costRun(t *testing.T) {
	two := filepath.Join(t.TempDir(), "two.yaml")
	if err := os.WriteFile(two, []byte("workloads:\n  - name: a\n  - name: b\n    tokens: 2M\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		usage     bool   // the error is a usage error
		wantErr   string // "" when the run succeeds
		wantNames []string
	}{
		{name: "bad sweep", args: []string{"--sweep", "calls=1..3"}, usage: true, wantErr: "--sweep: "},
		{name: "two workloads, none chosen", args: []string{"-f", two}, usage: true, wantErr: "the file holds 2 workloads (a, b): choose one with --workload"},
		{name: "no such workload", args: []string{"-f", two, "--workload", "c"}, usage: true, wantErr: `--workload: no workload named "c"`},
		{name: "one chosen", args: []string{"-f", two, "--workload", "b"}, wantNames: []string{"b"}},
		{name: "flags alone", args: []string{"--sessions", "3"}, wantNames: []string{"default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatJSON)
			err := costRun(cmdtest.Parse(t, app, NewCmdCost, tt.args...))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || cmdutil.IsUsage(err) != tt.usage {
					t.Fatalf("error %v (usage %t), want %q (usage %t)", err, cmdutil.IsUsage(err), tt.wantErr, tt.usage)
				}
				if out.Len() != 0 {
					t.Errorf("printed on error: %s", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Workload struct {
					Name string `json:"name"`
				} `json:"inputs"`
				Options []struct {
					Name string `json:"name"`
				} `json:"options"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("%v:\n%s", err, out)
			}
			var options []string
			for _, o := range rep.Options {
				options = append(options, o.Name)
			}
			// SimTable has four tiers and no plan; the negotiated one is
			// not priced.
			if rep.Workload.Name != tt.wantNames[0] || !cmp.Equal(options, []string{"tier-1", "tier-2", "legacy"}) {
				t.Errorf("workload %q, options %q:\n%s", rep.Workload.Name, options, out)
			}
		})
	}
}
