package show

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdShow: show takes exactly one NAME.
func Test_NewCmdShow(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdShow, []cmdtest.FlagCase[Options]{
		{Name: "one name", Args: []string{"max-20x"}, Want: Options{Name: "max-20x"}},
		{Name: "no name", WantErr: "accepts 1 arg(s), received 0", Usage: true},
		{Name: "two names", Args: []string{"a", "b"}, WantErr: "accepts 1 arg(s), received 2", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_showRun shows a tier and a model of the small test table, and names
// the table's names for a name it does not hold.
func Test_showRun(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"tier-1", "tier tier-1 (test table, as of 2026-04-23)\n  monthly spend cap:  $100\n"},
		{"sonnet", "model sonnet (test table, as of 2026-04-23)\n  match:                          claude-sonnet-4-\n"},
	} {
		app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatTable)
		if err := showRun(&Options{App: app, Name: tt.name}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), tt.want) {
			t.Errorf("%s:\n%s\nwant it to start\n%s", tt.name, out, tt.want)
		}
	}
	app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatTable)
	err := showRun(&Options{App: app, Name: "tier-9"})
	want := `no tier, plan or model named "tier-9" in test table (names: custom, legacy, sonnet, tier-1, tier-2)`
	if err == nil || err.Error() != want || cmdutil.IsUsage(err) || out.Len() != 0 {
		t.Errorf("unknown name: error %v, want %q", err, want)
	}
}
