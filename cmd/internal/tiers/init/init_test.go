package init_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func TestTiersInit(t *testing.T) {
	cfg := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": cfg}
	user := filepath.Join(cfg, "tierplan", "tiers.yaml") // the directory does not exist yet
	r := runTierplan(t, env, "", "tiers", "init")
	if r.Code != 0 || !bytes.Equal(cmdtest.ReadFile(t, user), tierplan.DefaultTiers) {
		t.Fatalf("init: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if want := "wrote " + user + " (the built-in table, as of 2026-11-26); `tierplan tiers edit` opens it in your editor\n"; r.Stdout != want {
		t.Errorf("stdout %q, want %q", r.Stdout, want)
	}

	cmdtest.WriteFile(t, user, []byte("mine"), 0o600)
	r = runTierplan(t, env, "", "tiers", "init")
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "already exists; use --force") || string(cmdtest.ReadFile(t, user)) != "mine" {
		t.Fatalf("init over a file: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runTierplan(t, env, "", "tiers", "init", "--force")
	if r.Code != 0 || !bytes.Equal(cmdtest.ReadFile(t, user), tierplan.DefaultTiers) {
		t.Fatalf("init --force: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if st, _ := os.Stat(user); st.Mode().Perm() != 0o600 {
		t.Errorf("--force changed the permissions to %v", st.Mode().Perm())
	}

	other := filepath.Join(t.TempDir(), "team", "tiers.yaml")
	if r = runTierplan(t, nil, "", "tiers", "init", other); r.Code != 0 || !bytes.Equal(cmdtest.ReadFile(t, other), tierplan.DefaultTiers) {
		t.Fatalf("init PATH: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if r = runTierplan(t, nil, "", "tiers", "init", "-"); r.Code != 0 || r.Stdout != string(tierplan.DefaultTiers) {
		t.Fatalf("init -: exit %d", r.Code)
	}
	if r = runTierplan(t, nil, "", "tiers", "init", "a", "b"); r.Code != cmdutil.ExitUsage {
		t.Fatalf("two paths: exit %d", r.Code)
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

// TestTiersInitOverDanglingSymlinkCreatesItsTarget: a user file that is a
// link into a dotfiles checkout not written yet once had the link itself
// replaced by the table.
func TestTiersInitOverDanglingSymlinkCreatesItsTarget(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "tiers.yaml")
	target := filepath.Join(dir, "dotfiles", "tiers.yaml")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("dotfiles", "tiers.yaml"), link); err != nil {
		t.Fatal(err)
	}
	if r := runTierplan(t, nil, "", "tiers", "init", link); r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a %v", fi.Mode())
	}
	if !bytes.Equal(cmdtest.ReadFile(t, target), tierplan.DefaultTiers) {
		t.Error("the link's target does not hold the table")
	}
}
