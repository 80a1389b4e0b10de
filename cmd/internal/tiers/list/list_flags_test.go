package list

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdList: list takes no argument.
func Test_NewCmdList(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdList, []cmdtest.FlagCase[Options]{
		{Name: "no argument"},
		{Name: "an argument", Args: []string{"start"}, WantErr: `unknown command "start"`, Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_listRun lists the small test table as JSON and as Markdown.
func Test_listRun(t *testing.T) {
	app, out, _ := cmdtest.App(cmdtest.SimTable(), render.FormatJSON)
	if err := listRun(&Options{App: app}); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Table struct {
			Origin string `json:"origin"`
		} `json:"table"`
		Tiers []struct {
			Name string `json:"name"`
		} `json:"tiers"`
		Models []struct {
			Name string `json:"name"`
		} `json:"models"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Table.Origin != "test table" || len(rep.Tiers) != 4 || rep.Tiers[3].Name != "custom" || len(rep.Models) != 1 {
		t.Errorf("report %+v", rep)
	}
	app, out, _ = cmdtest.App(cmdtest.SimTable(), render.FormatMarkdown)
	if err := listRun(&Options{App: app}); err != nil {
		t.Fatal(err)
	}
	// A table without a title is headed by its provider; with no plan, no
	// plans section.
	if !strings.HasPrefix(out.String(), "# anthropic\n\nTier table: test table, as of 2026-04-23;") || strings.Contains(out.String(), "Subscription plans") {
		t.Errorf("markdown:\n%s", out)
	}
}
