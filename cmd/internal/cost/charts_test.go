package cost_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// The bill against sessions a day, and against tokens with --sweep, at 80
// and 120 columns, in Unicode and ASCII.
func TestCostCharts(t *testing.T) {
	cmdtest.ChartGoldens(t, "chart-sessions", runCLI, "cost", "--sessions", "20", "--tokens", "800k")
	cmdtest.ChartGoldens(t, "chart-tokens", runCLI, "cost", "--sessions", "10", "--sweep", "tokens=200k..2M:300k")
}

// --chart-out writes the chart to a file (SVG or PNG by its name) and
// leaves stdout as it was; another extension is a usage error.
func TestCostChartOut(t *testing.T) {
	dir := t.TempDir()
	plain := runCLI(t, nil, "cost", "--sessions", "20", "--tokens", "800k")
	for _, name := range []string{"cost.svg", "cost.png"} {
		out := filepath.Join(dir, name)
		r := runCLI(t, nil, "cost", "--sessions", "20", "--tokens", "800k", "--chart-out", out)
		if r.Code != 0 || r.Stdout != plain.Stdout {
			t.Fatalf("%s: exit %d, stdout changed: %v; stderr %q", name, r.Code, r.Stdout != plain.Stdout, r.Stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) < 1000 {
			t.Fatalf("%s: %v, %d bytes", name, err, len(b))
		}
		if strings.HasSuffix(name, ".svg") && !strings.Contains(string(b), "break") {
			t.Errorf("the SVG marks no break-even")
		}
	}
	for _, bad := range [][]string{{"--chart-out", filepath.Join(dir, "c.gif")}, {"--chart=often"}} {
		if r := runCLI(t, nil, append([]string{"cost", "--sessions", "2"}, bad...)...); r.Code != 2 {
			t.Errorf("%v: exit %d, stderr %q", bad, r.Code, r.Stderr)
		}
	}
}
