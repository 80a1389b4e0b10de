package diagnose_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// fixtureNow gives each paste fixture the clock its README example shows
// with --now: a moment after the response, so the output neither depends on
// the day the test runs nor calls the response old.
var fixtureNow = map[string]string{
	"http-spend-cap.txt":            "2026-12-18T00:00:00Z",
	"http-subscription-5h.txt":      "2026-11-17T15:12:04Z",
	"http-subscription-warning.txt": "2026-11-17T15:12:04Z",
	"header-lines-weekly.txt":       "2026-11-18T21:30:00Z",
	"json-headers-weekly-model.txt": "2026-07-04T17:20:31Z",
}

// fixtureArgs are the flags a fixture's example adds: a zone for a reset
// time given without one.
var fixtureArgs = map[string][]string{
	"claude-code-5h-line.txt": {"--tz", "Europe/Berlin"},
}

// fixtureCommand is the command line of a fixture's example, with the path
// as this package sees it.
func fixtureCommand(name string) []string {
	now := fixtureNow[name]
	switch {
	case now != "":
	case strings.HasPrefix(name, "claude-code-") || strings.HasPrefix(name, "json-body-") || strings.HasPrefix(name, "json-string-") || strings.HasPrefix(name, "json-error-"):
		now = "2026-11-17T15:12:04Z"
	default:
		now = "2026-04-14T10:00:05Z"
	}
	return append([]string{"diagnose", fixture(name), "--now", now}, fixtureArgs[name]...)
}

// fromRoot writes the fixture paths as from the repository root, where the
// README's commands run.
func fromRoot(s string) string {
	return strings.ReplaceAll(s, filepath.ToSlash(pasteDir), "planner/diagnose/testdata/pastes")
}

// TestDiagnoseFixtureGoldens renders every paste fixture in every format
// into one golden file per fixture (testdata/golden/pastes/NAME.golden),
// with the Tier 1–2 test table so the goldens do not change with the
// shipped tables.
func TestDiagnoseFixtureGoldens(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", pasteDir, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var all strings.Builder
			args := fixtureCommand(name)
			all.WriteString("$ tierplan " + fromRoot(strings.Join(args, " ")) + "\n")
			for _, format := range []string{"table", "json", "yaml", "csv", "markdown"} {
				env, out, errb := cmdtest.DiagnoseEnv(t, "", nil)
				if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), append(args, "-o", format)...); code != 0 {
					t.Fatalf("-o %s: exit %d, stderr %q", format, code, errb.String())
				}
				if errb.Len() != 0 {
					t.Errorf("-o %s: stderr %q", format, errb.String())
				}
				all.WriteString("\n-- -o " + format + " --\n" + fromRoot(out.String()))
			}
			cmdtest.Golden(t, filepath.Join("pastes", strings.TrimSuffix(name, ".txt")+".golden"), all.String())
		})
	}
}

// TestNoStaleFixtureGoldens: a golden without its fixture is left over.
func TestNoStaleFixtureGoldens(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join("testdata", "golden", "pastes", "*.golden"))
	var stale []string
	for _, g := range goldens {
		if _, err := os.Stat(fixture(strings.TrimSuffix(filepath.Base(g), ".golden") + ".txt")); err != nil {
			stale = append(stale, g)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("goldens without a fixture: %v", stale)
	}
}
