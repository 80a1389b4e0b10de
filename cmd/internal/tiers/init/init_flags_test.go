package init

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_NewCmdInit: PATH defaults to the user's file; --force is kept.
func Test_NewCmdInit(t *testing.T) {
	app := cmdutil.NewApp(cmdutil.Env{Getenv: func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return "/cfg"
		}
		return ""
	}})
	cmdtest.CheckFlags(t, app, NewCmdInit, []cmdtest.FlagCase[Options]{
		{Name: "no PATH", Want: Options{Path: filepath.Join("/cfg", "tierplan", "tiers.yaml")}},
		{Name: "PATH and --force", Args: []string{"-", "--force"}, Want: Options{Path: "-", Force: true}},
		{Name: "two paths", Args: []string{"a", "b"}, WantErr: "accepts at most 1 arg(s), received 2", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_initRun writes the built-in table, refuses to overwrite without
// --force, and writes to stdout for "-".
func Test_initRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "tiers.yaml")
	app, out, _ := cmdtest.App(nil, render.FormatTable)
	if err := initRun(&Options{App: app, Path: path}); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || !bytes.Equal(data, tierplan.DefaultTiers) || !strings.HasPrefix(out.String(), "wrote "+path) {
		t.Fatalf("written: %v; stdout %q", err, out)
	}
	if err := initRun(&Options{App: app, Path: path}); err == nil || !strings.Contains(err.Error(), "already exists; use --force") {
		t.Errorf("again: error %v", err)
	}
	if err := initRun(&Options{App: app, Path: path, Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
	app, out, _ = cmdtest.App(nil, render.FormatTable)
	if err := initRun(&Options{App: app, Path: "-"}); err != nil || !bytes.Equal(out.Bytes(), tierplan.DefaultTiers) {
		t.Errorf("stdout: %v", err)
	}
}
