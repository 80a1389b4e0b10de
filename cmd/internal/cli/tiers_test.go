package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTiersGolden pins the rendered output of list, show and diff in every
// format that matters, on the shipped tables.
func TestTiersGolden(t *testing.T) {
	april := exampleDir + "anthropic-2026-04.yaml"
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"list.txt", []string{"tiers", "list"}, 0},
		{"list.json", []string{"tiers", "list", "-o", "json"}, 0},
		{"list.md", []string{"tiers", "list", "-o", "markdown"}, 0},
		{"list.csv", []string{"tiers", "list", "-o", "csv"}, 0},
		{"list-openai.txt", []string{"tiers", "list", "--tiers", exampleDir + "openai.yaml"}, 0},
		{"list-gemini.txt", []string{"tiers", "list", "--tiers", exampleDir + "gemini.yaml"}, 0},
		{"show-start.txt", []string{"tiers", "show", "start"}, 0},
		{"show-custom.txt", []string{"tiers", "show", "custom"}, 0},
		{"show-max-20x.txt", []string{"tiers", "show", "max-20x"}, 0},
		{"show-sonnet-4.5.txt", []string{"tiers", "show", "sonnet-4.5"}, 0},
		{"show-sonnet-3.7.txt", []string{"tiers", "show", "sonnet-3.7"}, 0},
		{"show-sonnet.json", []string{"tiers", "show", "sonnet", "-o", "json"}, 0},
		{"show-start.md", []string{"tiers", "show", "start", "-o", "markdown"}, 0},
		{"diff-april.txt", []string{"tiers", "diff", april}, 1},
		{"diff-april.json", []string{"tiers", "diff", april, "default", "-o", "json"}, 1},
		{"diff-april-renamed.txt", []string{"tiers", "diff", april, "default",
			"--rename", "tier-1=start,tier-2=build,tier-4=scale,monthly-invoicing=custom"}, 1},
		{"diff-april.csv", []string{"tiers", "diff", april, "-o", "csv"}, 1},
		{"diff-same.txt", []string{"tiers", "diff"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runTierplan(t, nil, "", c.args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, c.code, r.stderr)
			}
			if strings.Contains(r.stderr, "panic") {
				t.Fatalf("stderr: %s", r.stderr)
			}
			golden(t, "tiers/"+c.name, r.stdout)
		})
	}
}

func TestTiersShowUnknownName(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "show", "tier-1")
	if r.code != ExitError || !strings.HasPrefix(r.stderr, `tierplan: no tier, plan or model named "tier-1" in embedded default (names: build, custom,`) {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runTierplan(t, nil, "", "tiers", "show")
	if r.code != ExitUsage {
		t.Fatalf("no NAME: exit %d, want %d", r.code, ExitUsage)
	}
}

func TestTiersDiffBadRename(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"openai.yaml", "--rename", "tier-9=start")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `no model, tier or plan named "tier-9"`) {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
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
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "Usage:") || r.stdout != "" {
			t.Errorf("--rename %s: exit %d, stdout %q, stderr %q; want exit %d and %q", c.rename, r.code, r.stdout, r.stderr, ExitUsage, c.want)
		}
	}
	// The same pairs given as repeated flags are checked the same way.
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"anthropic-2026-04.yaml", "default", "--rename", "tier-1=start", "--rename", "tier-1=build")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "tier-1 is renamed twice") {
		t.Errorf("repeated --rename: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestStalenessWarnedOnce: a table older than 180 days gets one warning on
// stderr naming its source, however many times a command reads the table.
func TestStalenessWarnedOnce(t *testing.T) {
	r := runTierplan(t, nil, "", "--tiers", exampleDir+"anthropic-2026-04.yaml", "tiers", "diff", "default")
	want := "tierplan: warning: tier table tiers/examples/anthropic-2026-04.yaml (--tiers) is 219 days old (as_of 2026-04-23); " +
		"vendors change limits without notice: check https://platform.claude.com/docs/en/api/rate-limits\n"
	if r.stderr != want {
		t.Fatalf("stderr:\n%q\nwant\n%q", r.stderr, want)
	}
	r = runTierplan(t, nil, "", "tiers", "list")
	if r.stderr != "" {
		t.Fatalf("the default table (42 days old) warned: %q", r.stderr)
	}
}

func TestTiersShowCompletion(t *testing.T) {
	r := runTierplan(t, nil, "", "__complete", "tiers", "show", "so")
	want := "sonnet\nsonnet-3.7\nsonnet-4\nsonnet-4.5\nsonnet-5\nsonnet-5.5\n:4\n"
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) {
		t.Fatalf("exit %d, completions:\n%s", r.code, r.stdout)
	}
}

// TestFutureAsOfWarnedOnce: as_of 2099-01-01 (a mistyped year) draws one
// warning, although tiers diff reads the same file as --tiers and as FILE.
func TestFutureAsOfWarnedOnce(t *testing.T) {
	data := readFile(t, exampleDir+"openai.yaml")
	future := strings.Replace(string(data), "as_of: 2026-04-23", "as_of: 2099-01-01", 1)
	if future == string(data) {
		t.Fatal("openai.yaml has no as_of: 2026-04-23 line to change")
	}
	path := filepath.Join(t.TempDir(), "future.yaml")
	writeFile(t, path, []byte(future), 0o644)
	r := runTierplan(t, nil, "", "--tiers", path, "tiers", "diff", path)
	want := "tierplan: warning: tier table " + path + " (--tiers): as_of 2099-01-01 is in the future; check the date\n"
	if r.stderr != want {
		t.Fatalf("stderr:\n%q\nwant\n%q", r.stderr, want)
	}
}

// TestTiersDiffLoadErrorContract: "differ" and "failed" both exit 1; a load
// error is told apart by an empty stdout and one "tierplan: " line on stderr,
// in every output format, as `tiers diff --help` promises.
func TestTiersDiffLoadErrorContract(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	for _, c := range []struct{ file, stderr string }{
		{missing, "tierplan: tier table " + missing + ": no such file or directory\n"},
		{"../../../tiers/testdata/broken/bad-enum.yaml", "tierplan: ../../../tiers/testdata/broken/bad-enum.yaml:11: model sonnet: " +
			`otpm_accounting must be actual or reserve_max_tokens, found "max_tokens"` + "\n"},
	} {
		for _, o := range []string{"table", "json", "csv"} {
			r := runTierplan(t, nil, "", "tiers", "diff", c.file, "-o", o)
			if r.code != ExitError || r.stdout != "" || r.stderr != c.stderr {
				t.Errorf("diff %s -o %s: exit %d, stdout %q, stderr %q; want exit 1, no stdout, stderr %q",
					c.file, o, r.code, r.stdout, r.stderr, c.stderr)
			}
		}
	}
	r := runTierplan(t, nil, "", "tiers", "diff", exampleDir+"openai.yaml")
	if r.code != ExitError || r.stdout == "" {
		t.Errorf("tables that differ: exit %d, stdout %q; want exit 1 and the changes", r.code, r.stdout)
	}
}

// "default" names the built-in table for validate, as it does for diff.
func TestTiersValidateDefault(t *testing.T) {
	r := runCLI(t, nil, "tiers", "validate", "default")
	if r.code != 0 || !strings.Contains(r.stdout, "tiers.yaml (embedded): valid") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
