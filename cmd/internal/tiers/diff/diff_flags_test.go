package diff

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdDiff: up to two tables, and --rename pairs as typed (checked
// when run).
func Test_NewCmdDiff(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdDiff, []cmdtest.FlagCase[Options]{
		{Name: "two tables and renames", Args: []string{"a.yaml", "default", "--rename", "tier-1=start,tier-2=build", "--rename", "x"},
			Want: Options{Args: []string{"a.yaml", "default"}, Renames: []string{"tier-1=start", "tier-2=build", "x"}}},
		{Name: "three tables", Args: []string{"a", "b", "c"}, WantErr: "accepts at most 2 arg(s), received 3", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_diffRun compares the built-in table with the small test table in
// effect: they differ (exit 1, nothing more said); a bad rename is a usage
// error before any table is read.
func Test_diffRun(t *testing.T) {
	app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatTable)
	err := diffRun(&Options{App: app})
	if cmdutil.ExitCode(err) != cmdutil.ExitError || !cmdutil.IsSilent(err) {
		t.Fatalf("error %v, want a silent exit 1", err)
	}
	if !strings.HasPrefix(out.String(), "embedded default (as of ") || !strings.Contains(out.String(), " → test table (as of 2026-04-23): ") {
		t.Errorf("stdout:\n%s", out)
	}
	app, out, _ = cmdtest.App(nil, render.FormatTable)
	err = diffRun(&Options{App: app, Args: []string{"/nonexistent/a.yaml"}, Renames: []string{"tier-1"}})
	if !cmdutil.IsUsage(err) || err.Error() != `--rename "tier-1": expected OLD=NEW, such as tier-1=start` || out.Len() != 0 {
		t.Errorf("bad rename: error %v", err)
	}
}
