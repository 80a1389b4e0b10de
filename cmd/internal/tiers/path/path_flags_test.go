package path

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdPath: path takes no argument.
func Test_NewCmdPath(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdPath, []cmdtest.FlagCase[Options]{
		{Name: "no argument"},
		{Name: "an argument", Args: []string{"x"}, WantErr: `unknown command "x"`, Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_pathRun: --tiers wins over $TIERPLAN_TIERS, and the user's file is
// looked for under $XDG_CONFIG_HOME.
func Test_pathRun(t *testing.T) {
	cfg := t.TempDir()
	app, out, _ := cmdtest.App(nil, render.FormatJSON)
	vars := map[string]string{"XDG_CONFIG_HOME": cfg, "TIERPLAN_TIERS": "env.yaml"}
	app.Env.Getenv = func(k string) string { return vars[k] }
	app.TiersFlag = "flag.yaml"
	if err := pathRun(&Options{App: app}); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	e := rep.InEffect
	if e.Path != "flag.yaml" || e.Reason != "--tiers" || e.Embedded || e.Valid || rep.EnvVar != "env.yaml" ||
		rep.UserFile.Path != filepath.Join(cfg, "tierplan", "tiers.yaml") || rep.UserFile.Exists {
		t.Errorf("report %+v", rep)
	}
}
