package plan_test

import (
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// A session's context and the busiest minute against each tier, at 80 and
// 120 columns, in Unicode and ASCII; a session long enough to compact.
func TestPlanCharts(t *testing.T) {
	cmdtest.ChartGoldens(t, "chart", runCLI, "plan", "--sessions", "8", "--tokens", "8M")
}
