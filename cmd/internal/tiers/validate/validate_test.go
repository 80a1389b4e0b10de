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
	// A file that cannot be read is an error like any other command's, with
	// the tierplan: prefix; problems in a file read as FILE:LINE: for editors.
	r = runTierplan(t, nil, "", "tiers", "validate", "no-such-file.yaml")
	if r.Code != cmdutil.ExitError || r.Stderr != "tierplan: no-such-file.yaml: no such file or directory\n" {
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

// --strict lists, line by line, the figures below official and those
// older than --max-age days, and exits 1 when there is any; warnings (a
// source a comment cut short) come on stderr and leave the exit code 0.
func TestTiersValidateStrict(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.yaml")
	cmdtest.WriteFile(t, path, []byte(`schema_version: 1
provider: anthropic
as_of: 2026-11-26
source: https://example.com/limits
models:
  sonnet:
    match: [claude-sonnet-4-6]
    pool: sonnet-4
    context_window: {value: 200000, confidence: estimate, source: "not published"}
    price_per_mtok: {input: 3, output: 15, cache_write_5m: 3.75, cache_write_1h: 6, cache_read: 0.3, as_of: 2026-02-01}
    otpm_accounting: actual
tiers:
  - name: start
    limits:
      sonnet-4: {rpm: 1000, itpm: 2000000, otpm: 400000, confidence: third-party, source: a fact file}
`), 0o644)
	r := runTierplan(t, nil, "", "tiers", "validate", path)
	if r.Code != 0 || r.Stderr != "" {
		t.Fatalf("without --strict: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runTierplan(t, nil, "", "tiers", "validate", "--strict", path)
	want := path + ": valid (1 model, 1 tier, 0 plans; as of 2026-11-26)\n" +
		path + ":9: models.sonnet.context_window is estimate (as of 2026-11-26): not published\n" +
		path + ":10: models.sonnet.price_per_mtok.{input,output,cache_write_5m,cache_write_1h,cache_read} was read 300 days ago (as of 2026-02-01): https://example.com/limits\n" +
		path + ":15: tiers.start.limits.sonnet-4.{rpm,itpm,otpm} is third-party (as of 2026-11-26): a fact file\n"
	if r.Code != cmdutil.ExitError || r.Stdout != want {
		t.Fatalf("--strict: exit %d\n%s\nwant\n%s", r.Code, r.Stdout, want)
	}
	// A longer age lets the February prices through; the rest stay.
	r = runTierplan(t, nil, "", "tiers", "validate", "--strict", "--max-age", "400", path, "-o", "json")
	var rep validate.Report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil || r.Code != cmdutil.ExitError {
		t.Fatalf("%v, exit %d", err, r.Code)
	}
	if s := rep.Files[0].Strict; len(s) != 2 || s[0].Reason != "below_official" || s[1].Figures[2] != "tiers.start.limits.sonnet-4.otpm" {
		t.Errorf("strict %+v", s)
	}
	// The table of October 2026 has a source a "#" cut short: a warning.
	r = runTierplan(t, nil, "", "tiers", "validate", exampleDir+"anthropic-2026-10.yaml")
	if r.Code != 0 || !strings.Contains(r.Stderr, `anthropic-2026-10.yaml:320: warning: source reads "anthropics/claude-code"`) {
		t.Errorf("exit %d, stderr %q", r.Code, r.Stderr)
	}
}
