package diff_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestTiersDiffGolden pins the rendered output of diff in every format that
// matters, on the shipped tables.
func TestTiersDiffGolden(t *testing.T) {
	april := exampleDir + "anthropic-2026-04.yaml"
	cmdtest.CheckGolden(t, func(t *testing.T, args ...string) cmdtest.Result {
		return runTierplan(t, nil, "", args...)
	}, []cmdtest.GoldenRun{
		{Name: "diff-april.txt", Args: []string{"tiers", "diff", april}, Code: 1},
		{Name: "diff-april.json", Args: []string{"tiers", "diff", april, "default", "-o", "json"}, Code: 1},
		{Name: "diff-april-renamed.txt", Args: []string{"tiers", "diff", april, "default",
			"--rename", "tier-1=start,tier-2=build,tier-4=scale,monthly-invoicing=custom"}, Code: 1},
		{Name: "diff-april.csv", Args: []string{"tiers", "diff", april, "-o", "csv"}, Code: 1},
		{Name: "diff-same.txt", Args: []string{"tiers", "diff"}, Code: 0},
	})
}

func TestTiersDiffBadRename(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"openai.yaml", "--rename", "tier-9=start")
	if r.Code != cmdutil.ExitUsage || !strings.Contains(r.Stderr, `no model, tier or plan named "tier-9"`) {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestTiersDiffDuplicateRename: a name renamed twice, or two names renamed
// onto one, is a usage error naming the duplicate, not a silent last-wins
// (pflag's map flag) or two rows claiming the same tier.
func TestTiersDiffDuplicateRename(t *testing.T) {
	cases := []struct{ rename, want string }{
		{"tier-1=start,tier-2=start", "--rename: tier-1 and tier-2 are both renamed to start"},
		{"tier-1=start,tier-1=build", "--rename: tier-1 is renamed twice (tier-1=start and tier-1=build)"},
		{"tier-1", `--rename "tier-1": expected OLD=NEW`},
		{"=start", `--rename "=start": expected OLD=NEW`},
	}
	for _, c := range cases {
		r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"anthropic-2026-04.yaml", "default", "--rename", c.rename)
		if r.Code != cmdutil.ExitUsage || !strings.Contains(r.Stderr, c.want) || !strings.Contains(r.Stderr, "Usage:") || r.Stdout != "" {
			t.Errorf("--rename %s: exit %d, stdout %q, stderr %q; want exit %d and %q", c.rename, r.Code, r.Stdout, r.Stderr, cmdutil.ExitUsage, c.want)
		}
	}
	// The same pairs given as repeated flags are checked the same way.
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"anthropic-2026-04.yaml", "default", "--rename", "tier-1=start", "--rename", "tier-1=build")
	if r.Code != cmdutil.ExitUsage || !strings.Contains(r.Stderr, "tier-1 is renamed twice") {
		t.Errorf("repeated --rename: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestStalenessWarnedOnce: a table older than 180 days gets one warning on
// stderr naming its source, however many times a command reads the table.
func TestStalenessWarnedOnce(t *testing.T) {
	r := runTierplan(t, nil, "", "--tiers", exampleDir+"anthropic-2026-04.yaml", "tiers", "diff", "default")
	want := "tierplan: warning: tier table tiers/examples/anthropic-2026-04.yaml (--tiers) is 219 days old (as_of 2026-04-23); " +
		"vendors change limits without notice: check https://platform.claude.com/docs/en/api/rate-limits\n"
	if r.Stderr != want {
		t.Fatalf("stderr:\n%q\nwant\n%q", r.Stderr, want)
	}
	r = runTierplan(t, nil, "", "tiers", "list")
	if r.Stderr != "" {
		t.Fatalf("the default table (42 days old) warned: %q", r.Stderr)
	}
}

// TestFutureAsOfWarnedOnce: as_of 2099-01-01 (a mistyped year) draws one
// warning, although tiers diff reads the same file as --tiers and as FILE.
func TestFutureAsOfWarnedOnce(t *testing.T) {
	data := cmdtest.ReadFile(t, exampleDir+"openai.yaml")
	future := strings.Replace(string(data), "as_of: 2026-04-23", "as_of: 2099-01-01", 1)
	if future == string(data) {
		t.Fatal("openai.yaml has no as_of: 2026-04-23 line to change")
	}
	path := filepath.Join(t.TempDir(), "future.yaml")
	cmdtest.WriteFile(t, path, []byte(future), 0o644)
	r := runTierplan(t, nil, "", "--tiers", path, "tiers", "diff", path)
	want := "tierplan: warning: tier table " + path + " (--tiers): as_of 2099-01-01 is in the future; check the date\n"
	if r.Stderr != want {
		t.Fatalf("stderr:\n%q\nwant\n%q", r.Stderr, want)
	}
}

// TestTiersDiffLoadErrorContract: "differ" and "failed" both exit 1; a load
// error is told apart by an empty stdout and one "tierplan: " line on stderr,
// in every output format, as `tiers diff --help` promises.
func TestTiersDiffLoadErrorContract(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	for _, c := range []struct{ file, stderr string }{
		{missing, "tierplan: tier table " + missing + ": no such file or directory\n"},
		{"../../../../tiers/testdata/broken/bad-enum.yaml", "tierplan: ../../../../tiers/testdata/broken/bad-enum.yaml:11: model sonnet: " +
			`otpm_accounting must be actual or reserve_max_tokens, found "max_tokens"` + "\n"},
	} {
		for _, o := range []string{"table", "json", "csv"} {
			r := runTierplan(t, nil, "", "tiers", "diff", c.file, "-o", o)
			if r.Code != cmdutil.ExitError || r.Stdout != "" || r.Stderr != c.stderr {
				t.Errorf("diff %s -o %s: exit %d, stdout %q, stderr %q; want exit 1, no stdout, stderr %q",
					c.file, o, r.Code, r.Stdout, r.Stderr, c.stderr)
			}
		}
	}
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"openai.yaml")
	if r.Code != cmdutil.ExitError || r.Stdout == "" {
		t.Errorf("tables that differ: exit %d, stdout %q; want exit 1 and the changes", r.Code, r.Stdout)
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

// On a terminal of 60 or 80 columns the diff fits: values wrap, CHANGE is
// left out, FIELD goes under ITEM, and a note says so; --wide shows every
// column however narrow the terminal.
func TestTiersDiffFitsTheTerminal(t *testing.T) {
	april := exampleDir + "anthropic-2026-04.yaml"
	for _, width := range []string{"60", "80"} {
		t.Run(width, func(t *testing.T) {
			r := runTierplan(t, map[string]string{"COLUMNS": width}, "", "tiers", "diff", april)
			if r.Code != cmdutil.ExitError {
				t.Fatalf("exit %d; stderr %s", r.Code, r.Stderr)
			}
			n := map[string]int{"60": 60, "80": 80}[width]
			cmdtest.CheckFits(t, r.Stdout, n)
			cmdtest.CheckHeaders(t, r.Stdout, "ITEM", "OLD", "NEW")
			note := "(CHANGE left out and FIELD shown under ITEM to fit " + width + " columns; --wide shows all)"
			if !strings.Contains(strings.Join(strings.Fields(r.Stdout), " "), note) {
				t.Errorf("no note of the compact layout:\n%s", r.Stdout)
			}
			cmdtest.Golden(t, "diff-april-"+width+".txt", r.Stdout)
			wide := runTierplan(t, map[string]string{"COLUMNS": width}, "", "tiers", "diff", april, "--wide")
			cmdtest.CheckHeaders(t, wide.Stdout, "CHANGE", "ITEM", "FIELD", "OLD", "NEW")
			if piped := runTierplan(t, nil, "", "tiers", "diff", april); wide.Stdout != piped.Stdout {
				t.Errorf("--wide differs from the unfitted output")
			}
		})
	}
}
