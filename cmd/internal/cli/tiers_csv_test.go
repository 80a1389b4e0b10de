package cli

import (
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
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
			if r.code != 0 && args[1] != "diff" {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil || len(rows) < 2 || len(rows[0]) < 2 {
				t.Fatalf("not a CSV table with data (%v):\n%s", err, r.stdout)
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

// TestTiersShowCSVValues checks the raw figures of the default table: Start
// gives opus-4 1,000 rpm and 2,000,000 itpm; sonnet costs $3 / $15 per MTok
// and half that in batch ($1.50 / $7.50; $3.75 × 0.5 = $1.875).
func TestTiersShowCSVValues(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "show", "start", "-o", "csv")
	if !strings.Contains(r.stdout, "\nstart,opus-4,1000,2000000,400000,,,,500,false,false,") {
		t.Errorf("tier start:\n%s", r.stdout)
	}
	r = runTierplan(t, nil, "", "tiers", "show", "sonnet", "-o", "csv")
	for _, want := range []string{"\nsonnet,sonnet-4,standard,,3,15,3.75,6,0.3\n", "\nsonnet,sonnet-4,batch,,1.5,7.5,1.875,3,0.15\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("model sonnet: no %q in\n%s", want, r.stdout)
		}
	}
}
