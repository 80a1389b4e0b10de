package tiers

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestTableFiguresBeyondTheBoundsAreRefused: a price of 9e12 once
// validated and was recommended at a negative cost; a limit past the
// limiter's bound validated and was refused later by simulate, naming no
// file. One set of bounds, checked when the table is read, with the line.
func TestTableFiguresBeyondTheBoundsAreRefused(t *testing.T) {
	data, err := os.ReadFile("../tiers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	for _, c := range []struct{ after, old, new, want string }{
		{"\n  sonnet:", "output: 15.00", "output: 9000000000000",
			"model sonnet: price_per_mtok.output: $9,000,000,000,000.00 is more than the $100,000.00 tierplan can plan with; is it in dollars?"},
		{"\n  - name: start", "itpm: 2000000,", "itpm: 2000000000000,",
			"tier start opus-4: itpm: 2,000,000,000,000 is more than the 1,000,000,000,000 tierplan can plan with; is a digit too many?"},
		{"\n  - name: start", "monthly_spend_cap: ", "monthly_spend_cap: 5000000000 #",
			"tier start: monthly_spend_cap: $5,000,000,000.00 is more than the $1,000,000,000.00 tierplan can plan with; is it in dollars?"},
	} {
		from := strings.Index(base, c.after)
		at := strings.Index(base[from:], c.old)
		if from < 0 || at < 0 {
			t.Fatalf("%q after %q is not in tiers.yaml", c.old, c.after)
		}
		at += from
		edited := base[:at] + c.new + base[at+len(c.old):]
		line := strings.Count(base[:at], "\n") + 1
		_, err := Parse("t.yaml", []byte(edited))
		if err == nil || !strings.Contains(err.Error(), "t.yaml:"+strconv.Itoa(line)+": "+c.want) {
			t.Errorf("%s:\ngot  %v\nwant t.yaml:%d: %s", c.new, err, line, c.want)
		}
	}
}
