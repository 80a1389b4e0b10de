package path_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/cmd/internal/tiers/path"
)

func TestTiersPath(t *testing.T) {
	cfg := t.TempDir()
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	env := map[string]string{"XDG_CONFIG_HOME": cfg}
	r := runTierplan(t, env, "", "tiers", "path")
	want := "in effect:        embedded default; as of 2026-11-26\n" +
		"$TIERPLAN_TIERS:  not set\n" +
		"user file:        " + user + " (not created yet; `tierplan tiers init` writes the default there)\n"
	if r.Code != 0 || r.Stdout != want {
		t.Fatalf("no user file: exit %d\n%s\nwant\n%s", r.Code, r.Stdout, want)
	}
	cmdtest.WriteFile(t, user, []byte("schema_version: 1\n"), 0o644)
	r = runTierplan(t, env, "", "tiers", "path")
	if !strings.HasPrefix(r.Stdout, "in effect:        "+user+" (user config file); invalid: `tierplan tiers validate` lists its problems\n") {
		t.Fatalf("broken user file:\n%s", r.Stdout)
	}
	env["TIERPLAN_TIERS"] = exampleDir + "openai.yaml"
	r = runTierplan(t, env, "", "tiers", "path", "-o", "json")
	var rep path.Report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.InEffect.Reason != "$TIERPLAN_TIERS" || !rep.InEffect.Valid || rep.InEffect.AsOf != "2026-04-23" || !rep.UserFile.Exists {
		t.Fatalf("report %+v", rep)
	}
}

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../../tiers/examples/"

// runTierplan runs tierplan in-process (cmdtest.Run), with the example
// tables' directory written as from the repository root.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, stdin, args...).Scrub(exampleDir, "tiers/examples/")
}
