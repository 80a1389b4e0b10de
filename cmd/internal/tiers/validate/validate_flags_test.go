package validate

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

// Test_NewCmdValidate: the files are the arguments, none for the table in
// effect.
func Test_NewCmdValidate(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdValidate, []cmdtest.FlagCase[Options]{
		{Name: "the table in effect", Want: Options{Files: []string{}, MaxAge: 180}},
		{Name: "files", Args: []string{"a.yaml", "default"}, Want: Options{Files: []string{"a.yaml", "default"}, MaxAge: 180}},
		{Name: "strict", Args: []string{"--strict", "--max-age", "90"}, Want: Options{Files: []string{}, Strict: true, MaxAge: 90}},
		{Name: "negative age", Args: []string{"--strict", "--max-age", "-1"}, WantErr: "--max-age -1: give a number of days, 0 or more", Usage: true},
	}, cmpopts.IgnoreFields(Options{}, "App"))
}

// Test_validateRun: every file is reported, problems on stderr with their
// line, and one invalid file makes the exit code 1 without another message.
func Test_validateRun(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("schema_version: 1\nprovider: x\nbogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	app, out, errb := cmdtest.App(nil, render.FormatTable)
	err := validateRun(&Options{App: app, Files: []string{"default", bad}})
	if cmdutil.ExitCode(err) != cmdutil.ExitError || !cmdutil.IsSilent(err) {
		t.Fatalf("error %v, want a silent exit 1", err)
	}
	if !strings.HasPrefix(out.String(), "tiers.yaml (embedded): valid (") || !strings.Contains(errb.String(), bad+":3: ") {
		t.Errorf("stdout %q\nstderr %q", out, errb)
	}
	app, out, errb = cmdtest.App(nil, render.FormatTable)
	if err := validateRun(&Options{App: app, Files: []string{"default"}}); err != nil || errb.Len() != 0 || out.Len() == 0 {
		t.Errorf("the built-in table: error %v, stderr %q", err, errb)
	}
}
