package simulate_test

import (
	"strconv"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// On a terminal of 60 or 80 columns every table of a day, of runs and of
// --compare-retries fits: the summary wraps its metrics' words and keeps
// VALUE; --wide keeps every column.
func TestSimulateFitsTheTerminal(t *testing.T) {
	for name, extra := range map[string][]string{
		"day":     nil,
		"runs":    {"--runs", "3"},
		"compare": {"--compare-retries"},
	} {
		for _, width := range []int{60, 80} {
			t.Run(name+"-"+strconv.Itoa(width), func(t *testing.T) {
				env := map[string]string{"COLUMNS": strconv.Itoa(width)}
				args := append(append([]string{}, goldenArgs...), extra...)
				r := cmdtest.RunWithTableEnv(t, root.Run, cmdtest.SimTable(), env, args...)
				if r.Code != 0 {
					t.Fatalf("exit %d: %s", r.Code, r.Stderr)
				}
				cmdtest.CheckFits(t, r.Stdout, width)
				if name == "day" {
					cmdtest.CheckHeaders(t, r.Stdout, "METRIC", "VALUE")
				}
				wide := cmdtest.RunWithTableEnv(t, root.Run, cmdtest.SimTable(), env, append(args, "--wide")...)
				cmdtest.CheckHeaders(t, wide.Stdout, "METRIC", "VALUE")
				if name == "compare" {
					cmdtest.CheckHeaders(t, wide.Stdout, "POLICY", "REQUESTS", "429S", "ABANDONED", "INCOMPLETE SESSIONS",
						"WAIT P50", "WAIT P95", "WAIT P99", "SESSION P95", "COMPLETE SESSIONS LONGER", "DAY LONGER")
				}
			})
		}
	}
}
