package diagnose_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// TestDiagnoseFixturesFitTheWidth: every paste fixture's diagnosis fits 60
// and 80 columns: tables wrap a long window name and leave columns out,
// sentences wrap. Only a line holding one word wider than the room left
// (a URL, a quota id) may run over, so it can still be copied whole.
func TestDiagnoseFixturesFitTheWidth(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", pasteDir, err)
	}
	for _, width := range []int{60, 80} {
		for _, f := range files {
			name := filepath.Base(f)
			env, out, errb := cmdtest.DiagnoseEnv(t, "", map[string]string{"COLUMNS": strconv.Itoa(width)})
			if code := runWithEnvTable(env, cmdtest.DiagnoseTable(), fixtureCommand(name)...); code != 0 {
				t.Fatalf("%s: exit %d, stderr %q", name, code, errb.String())
			}
			for _, l := range strings.Split(out.String(), "\n") {
				if runewidth.StringWidth(l) > width && !holdsUnbreakableWord(l, width) {
					t.Errorf("%s at %d columns: a line of %d columns:\n%s", name, width, runewidth.StringWidth(l), l)
				}
			}
		}
	}
}

// holdsUnbreakableWord says the line is over width only because one word
// of it is wider than the room after the line's indent.
func holdsUnbreakableWord(line string, width int) bool {
	if strings.ContainsAny(line, "│┌└├") {
		return false // a table always fits
	}
	indent := len(line) - len(strings.TrimLeft(line, " -"))
	for _, w := range strings.Fields(line) {
		if runewidth.StringWidth(w) > width-indent-2 {
			return true
		}
	}
	return false
}
