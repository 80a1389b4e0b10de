package validate_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/cmd/internal/tiers/validate"
)

// TestTiersValidateBrokenFiles runs every broken file of the tiers package
// through the CLI: exit 1 and, on stderr, exactly the lines its .err file
// promises, with the path as the user typed it.
func TestTiersValidateBrokenFiles(t *testing.T) {
	const dir = "../../../../tiers/testdata/broken/"
	files, err := filepath.Glob(dir + "*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("want at least 15 broken files, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := runTierplan(t, nil, "", "tiers", "validate", f)
			want := strings.ReplaceAll(string(cmdtest.ReadFile(t, strings.TrimSuffix(f, ".yaml")+".err")),
				filepath.Base(f), f)
			if r.Code != cmdutil.ExitError || r.Stderr != want || r.Stdout != "" {
				t.Fatalf("exit %d\nstderr:\n%s\nwant:\n%s", r.Code, r.Stderr, want)
			}
		})
	}
}

func TestTiersValidate(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "validate")
	if r.Code != 0 || r.Stdout != "tiers.yaml (embedded): valid (20 models, 4 tiers, 5 plans; as of 2026-11-26)\n" {
		t.Fatalf("embedded: exit %d, stdout %q, stderr %q", r.Code, r.Stdout, r.Stderr)
	}
	good, bad := exampleDir+"gemini.yaml", "../../../../tiers/testdata/broken/unknown-pool.yaml"
	r = runTierplan(t, nil, "", "tiers", "validate", good, bad, "-o", "json")
	if r.Code != cmdutil.ExitError {
		t.Fatalf("exit %d, want 1", r.Code)
	}
	var rep validate.Report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, r.Stdout)
	}
	if len(rep.Files) != 2 || !rep.Files[0].Valid || rep.Files[0].Models != 3 || rep.Files[1].Valid ||
		len(rep.Files[1].Problems) != 1 || rep.Files[1].Problems[0].Line != 17 {
		t.Fatalf("report %+v", rep)
	}
	if !strings.Contains(rep.Files[0].Warning, "449 days old") {
		t.Errorf("the 2025-09-05 Gemini table should be flagged stale: %q", rep.Files[0].Warning)
	}
	r = runTierplan(t, nil, "", "tiers", "validate", "no-such-file.yaml")
	if r.Code != cmdutil.ExitError || r.Stderr != "no-such-file.yaml: no such file or directory\n" {
		t.Fatalf("missing file: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// "default" names the built-in table for validate, as it does for diff.
func TestTiersValidateDefault(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "validate", "default")
	if r.Code != 0 || !strings.Contains(r.Stdout, "tiers.yaml (embedded): valid") {
		t.Errorf("exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
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
