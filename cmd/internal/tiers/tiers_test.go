package tiers_test

import (
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// groupedOrDollar matches a cell a spreadsheet reads as text, not a number:
// "1,000", "$3.75".
var groupedOrDollar = regexp.MustCompile(`^\$|^\d{1,3}(,\d{3})+$`)

// TestTiersCSVIsPlain: every tiers subcommand's -o csv is one well-formed
// CSV table (same column count on every row) whose numbers are plain.
func TestTiersCSVIsPlain(t *testing.T) {
	for _, args := range [][]string{
		{"tiers", "list"},
		{"tiers", "show", "start"},
		{"tiers", "show", "sonnet"},
		{"tiers", "show", "max-5x"},
		{"tiers", "path"},
		{"tiers", "validate"},
		{"tiers", "diff", exampleDir + "anthropic-2026-04.yaml"},
	} {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			r := runTierplan(t, nil, "", append(args, "-o", "csv")...)
			if r.Code != 0 && args[1] != "diff" {
				t.Fatalf("exit %d: %s", r.Code, r.Stderr)
			}
			rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
			if err != nil || len(rows) < 2 || len(rows[0]) < 2 {
				t.Fatalf("not a CSV table with data (%v):\n%s", err, r.Stdout)
			}
			if args[1] == "diff" {
				return // old and new values are the table's own text
			}
			for _, row := range rows[1:] {
				for i, cell := range row {
					if groupedOrDollar.MatchString(cell) {
						t.Errorf("column %s: cell %q is not a plain number", rows[0][i], cell)
					}
				}
			}
		})
	}
}

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../tiers/examples/"

// runTierplan runs tierplan in-process (cmdtest.Run), with the example
// tables' directory written as from the repository root.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, stdin, args...).Scrub(exampleDir, "tiers/examples/")
}
