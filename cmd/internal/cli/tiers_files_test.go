package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tierplan "github.com/tierplan/tierplan"
)

// TestTiersValidateBrokenFiles runs every broken file of the tiers package
// through the CLI: exit 1 and, on stderr, exactly the lines its .err file
// promises, with the path as the user typed it.
func TestTiersValidateBrokenFiles(t *testing.T) {
	const dir = "../../../tiers/testdata/broken/"
	files, err := filepath.Glob(dir + "*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("want at least 15 broken files, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := runTierplan(t, nil, "", "tiers", "validate", f)
			want := strings.ReplaceAll(string(readFile(t, strings.TrimSuffix(f, ".yaml")+".err")),
				filepath.Base(f), f)
			if r.code != ExitError || r.stderr != want || r.stdout != "" {
				t.Fatalf("exit %d\nstderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
			}
		})
	}
}

func TestTiersValidate(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "validate")
	if r.code != 0 || r.stdout != "tiers.yaml (embedded): valid (14 models, 4 tiers, 3 plans; as of 2026-10-17)\n" {
		t.Fatalf("embedded: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	good, bad := exampleDir+"gemini.yaml", "../../../tiers/testdata/broken/unknown-pool.yaml"
	r = runTierplan(t, nil, "", "tiers", "validate", good, bad, "-o", "json")
	if r.code != ExitError {
		t.Fatalf("exit %d, want 1", r.code)
	}
	var rep validateReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if len(rep.Files) != 2 || !rep.Files[0].Valid || rep.Files[0].Models != 3 || rep.Files[1].Valid ||
		len(rep.Files[1].Problems) != 1 || rep.Files[1].Problems[0].Line != 17 {
		t.Fatalf("report %+v", rep)
	}
	if !strings.Contains(rep.Files[0].Warning, "449 days old") {
		t.Errorf("the 2025-09-05 Gemini table should be flagged stale: %q", rep.Files[0].Warning)
	}
	r = runTierplan(t, nil, "", "tiers", "validate", "no-such-file.yaml")
	if r.code != ExitError || r.stderr != "no-such-file.yaml: no such file or directory\n" {
		t.Fatalf("missing file: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTiersInit(t *testing.T) {
	cfg := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": cfg}
	user := filepath.Join(cfg, "tierplan", "tiers.yaml") // the directory does not exist yet
	r := runTierplan(t, env, "", "tiers", "init")
	if r.code != 0 || !bytes.Equal(readFile(t, user), tierplan.DefaultTiers) {
		t.Fatalf("init: exit %d, stderr %q", r.code, r.stderr)
	}
	if want := "wrote " + user + " (the built-in table, as of 2026-10-17); `tierplan tiers edit` opens it in your editor\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}

	writeFile(t, user, []byte("mine"), 0o600)
	r = runTierplan(t, env, "", "tiers", "init")
	if r.code != ExitError || !strings.Contains(r.stderr, "already exists; use --force") || string(readFile(t, user)) != "mine" {
		t.Fatalf("init over a file: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runTierplan(t, env, "", "tiers", "init", "--force")
	if r.code != 0 || !bytes.Equal(readFile(t, user), tierplan.DefaultTiers) {
		t.Fatalf("init --force: exit %d, stderr %q", r.code, r.stderr)
	}
	if st, _ := os.Stat(user); st.Mode().Perm() != 0o600 {
		t.Errorf("--force changed the permissions to %v", st.Mode().Perm())
	}

	other := filepath.Join(t.TempDir(), "team", "tiers.yaml")
	if r = runTierplan(t, nil, "", "tiers", "init", other); r.code != 0 || !bytes.Equal(readFile(t, other), tierplan.DefaultTiers) {
		t.Fatalf("init PATH: exit %d, stderr %q", r.code, r.stderr)
	}
	if r = runTierplan(t, nil, "", "tiers", "init", "-"); r.code != 0 || r.stdout != string(tierplan.DefaultTiers) {
		t.Fatalf("init -: exit %d", r.code)
	}
	if r = runTierplan(t, nil, "", "tiers", "init", "a", "b"); r.code != ExitUsage {
		t.Fatalf("two paths: exit %d", r.code)
	}
}

func TestTiersPath(t *testing.T) {
	cfg := t.TempDir()
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	env := map[string]string{"XDG_CONFIG_HOME": cfg}
	r := runTierplan(t, env, "", "tiers", "path")
	want := "in effect:        embedded default; as of 2026-10-17\n" +
		"$TIERPLAN_TIERS:  not set\n" +
		"user file:        " + user + " (not created yet; `tierplan tiers init` writes the default there)\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("no user file: exit %d\n%s\nwant\n%s", r.code, r.stdout, want)
	}
	writeFile(t, user, []byte("schema_version: 1\n"), 0o644)
	r = runTierplan(t, env, "", "tiers", "path")
	if !strings.HasPrefix(r.stdout, "in effect:        "+user+" (user config file); invalid: `tierplan tiers validate` lists its problems\n") {
		t.Fatalf("broken user file:\n%s", r.stdout)
	}
	env["TIERPLAN_TIERS"] = exampleDir + "openai.yaml"
	r = runTierplan(t, env, "", "tiers", "path", "-o", "json")
	var rep tiersPathReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.InEffect.Reason != "$TIERPLAN_TIERS" || !rep.InEffect.Valid || rep.InEffect.AsOf != "2026-04-23" || !rep.UserFile.Exists {
		t.Fatalf("report %+v", rep)
	}
}
