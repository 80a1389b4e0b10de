package list_test

import (
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestTiersListGolden pins the rendered output of list in every format that
// matters, on the shipped tables.
func TestTiersListGolden(t *testing.T) {
	cmdtest.CheckGolden(t, func(t *testing.T, args ...string) cmdtest.Result {
		return runTierplan(t, nil, "", args...)
	}, []cmdtest.GoldenRun{
		{Name: "list.txt", Args: []string{"tiers", "list"}, Code: 0},
		{Name: "list.json", Args: []string{"tiers", "list", "-o", "json"}, Code: 0},
		{Name: "list.md", Args: []string{"tiers", "list", "-o", "markdown"}, Code: 0},
		{Name: "list.csv", Args: []string{"tiers", "list", "-o", "csv"}, Code: 0},
		{Name: "list-openai.txt", Args: []string{"tiers", "list", "--tiers", exampleDir + "openai.yaml"}, Code: 0},
		{Name: "list-gemini.txt", Args: []string{"tiers", "list", "--tiers", exampleDir + "gemini.yaml"}, Code: 0},
	})
}

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../../tiers/examples/"

// runTierplan runs tierplan in-process (cmdtest.Run), with the example
// tables' directory written as from the repository root.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, stdin, args...).Scrub(exampleDir, "tiers/examples/")
}
