package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// workloadFlags defines the workload flags on a fresh set and parses args.
func workloadFlags(t *testing.T, args []string, renames ...FlagRename) (*WorkloadFlags, *pflag.FlagSet) {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	wf := AddWorkloadFlags(fs, renames...)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return wf, fs
}

// TestWorkloadFlags: flags hold their text until the workload is built,
// override a file's values, and a bad value names the flag as typed.
func TestWorkloadFlags(t *testing.T) {
	wf, _ := workloadFlags(t, []string{"--sessions", "4", "--tokens", "1.5M"})
	if diff := cmp.Diff(map[string]string{"sessions": "4", "tokens": "1.5M"}, wf.Set()); diff != "" {
		t.Errorf("Set (-want +got):\n%s", diff)
	}
	file := filepath.Join(t.TempDir(), "w.yaml")
	if err := os.WriteFile(file, []byte("workloads:\n  - name: a\n    sessions: 9\n    devs: 3\n  - name: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := wf.Workloads([]string{file})
	if err != nil {
		t.Fatal(err)
	}
	// 1.5M is 1,500,000 tokens; the file's devs stay, its sessions give way.
	if len(ws) != 2 || ws[0].SessionsPerDay != 4 || ws[0].Devs != 3 || ws[1].SessionsPerDay != 4 || ws[0].TokensPerSession != 1_500_000 {
		t.Errorf("workloads %+v", ws)
	}
	if ws, err := wf.Workloads(nil); err != nil || len(ws) != 1 || ws[0].SessionsPerDay != 4 {
		t.Errorf("no file: %+v, %v", ws, err)
	}
	if _, err := wf.Workloads([]string{file, file}); err == nil || !strings.Contains(err.Error(), `workload "a" is in both`) {
		t.Errorf("the same file twice: %v", err)
	}
	bad, _ := workloadFlags(t, []string{"--tokens", "800kk"})
	if _, err := bad.Workloads(nil); !IsUsage(err) || !strings.HasPrefix(err.Error(), `invalid value for --tokens: "800kk"`) {
		t.Errorf("bad value: %v", err)
	}
}

// TestWorkloadFlagsRenamed: a renamed flag sets its key, is checked before
// any file is read, and its errors name it as typed.
func TestWorkloadFlagsRenamed(t *testing.T) {
	rename := FlagRename{Key: "days", Name: "days-per-month", Note: "; renamed"}
	wf, fs := workloadFlags(t, []string{"--days-per-month", "15"}, rename)
	if fs.Lookup("days") != nil || !strings.HasSuffix(fs.Lookup("days-per-month").Usage, "; renamed") {
		t.Fatal("the flag is not renamed")
	}
	ws, err := wf.Workloads(nil)
	if err != nil || ws[0].DaysPerMonth != 15 || wf.Set()["days"] != "15" {
		t.Errorf("%+v, %v", ws, err)
	}
	bad, _ := workloadFlags(t, []string{"--days-per-month", "lots"}, rename)
	_, err = bad.Workloads([]string{"/nonexistent/w.yaml"})
	if !IsUsage(err) || !strings.HasPrefix(err.Error(), `invalid value for --days-per-month: "lots"`) {
		t.Errorf("bad value before a missing file: %v", err)
	}
}
