package usage_test

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestChartColoursReachTheTerminal: on a terminal --chart draws in colour,
// and the colours arrive as colours, not escaped into text as a log's
// strings are.
func TestChartColoursReachTheTerminal(t *testing.T) {
	env, stdout, stderr := cmdtest.Env(t, nil, "")
	env.StdoutIsTerminal, env.TerminalWidth = true, 100
	code := root.Main([]string{"--tiers", usageTiers, "usage", "--tz", "UTC", "--chart", usageFixture}, env)
	if code != 0 {
		t.Fatal(stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "\x1b[0m") || strings.Contains(out, `\x1b`) {
		t.Errorf("the chart's colours do not reach the terminal as colours:\n%s", out)
	}
}
