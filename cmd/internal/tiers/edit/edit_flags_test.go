package edit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdEdit: FILE is optional, and only one.
func Test_NewCmdEdit(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdEdit, []cmdtest.FlagCase[Options]{
		{Name: "no FILE"},
		{Name: "FILE", Args: []string{"t.yaml"}, Want: Options{File: "t.yaml"}},
		{Name: "resume", Args: []string{"--resume"}, Want: Options{Resume: true}},
		{Name: "two files", Args: []string{"a", "b"}, WantErr: "accepts at most 1 arg(s), received 2", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_editRun: no editor is an error before anything is read; an editor
// that changes nothing leaves the file as it was.
func Test_editRun(t *testing.T) {
	target := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(target, []byte("kept as it was\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	app, out, _ := cmdtest.App(nil, render.FormatTable)
	app.Env.Getenv = func(k string) string { return vars[k] }
	err := editRun(&Options{App: app, File: target})
	if err == nil || !strings.HasPrefix(err.Error(), "no editor: set $VISUAL or $EDITOR") {
		t.Fatalf("no editor: error %v", err)
	}
	vars["EDITOR"] = "true"
	if err := editRun(&Options{App: app, File: target}); err != nil || out.String() != "no changes; "+target+" left as it was\n" {
		t.Fatalf("unchanged: error %v, stdout %q", err, out)
	}
	if data := cmdtest.ReadFile(t, target); string(data) != "kept as it was\n" {
		t.Errorf("file now %q", data)
	}
}
