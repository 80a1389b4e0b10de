package show_test

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestTiersShowGolden pins the rendered output of show in every format that
// matters, on the shipped tables.
func TestTiersShowGolden(t *testing.T) {
	cmdtest.CheckGolden(t, func(t *testing.T, args ...string) cmdtest.Result {
		return runTierplan(t, nil, "", args...)
	}, []cmdtest.GoldenRun{
		{Name: "show-start.txt", Args: []string{"tiers", "show", "start"}, Code: 0},
		{Name: "show-custom.txt", Args: []string{"tiers", "show", "custom"}, Code: 0},
		{Name: "show-max-20x.txt", Args: []string{"tiers", "show", "max-20x"}, Code: 0},
		{Name: "show-sonnet-4.5.txt", Args: []string{"tiers", "show", "sonnet-4.5"}, Code: 0},
		{Name: "show-sonnet-3.7.txt", Args: []string{"tiers", "show", "sonnet-3.7"}, Code: 0},
		{Name: "show-sonnet.json", Args: []string{"tiers", "show", "sonnet", "-o", "json"}, Code: 0},
		{Name: "show-start.md", Args: []string{"tiers", "show", "start", "-o", "markdown"}, Code: 0},
		{Name: "show-haiku-5.5.txt", Args: []string{"tiers", "show", "haiku-5.5"}, Code: 0},
		{Name: "show-fable-5.2.txt", Args: []string{"tiers", "show", "fable-5.2"}, Code: 0},
		{Name: "show-team-standard.txt", Args: []string{"tiers", "show", "team-standard"}, Code: 0},
	})
}

// A plan's former name and a model id name what they name, with a note.
func TestTiersShowFormerNamesAndIDs(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "show", "max-20x")
	if r.Code != 0 || r.Stderr != "tierplan: note: plan max-20x is now called ultra; max-20x is accepted as its old name\n" ||
		!strings.HasPrefix(r.Stdout, "plan ultra (embedded default") {
		t.Errorf("max-20x: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runTierplan(t, nil, "", "tiers", "show", "claude-opus-4-7-20260101", "-o", "json")
	if r.Code != 0 || !strings.Contains(r.Stderr, "model claude-opus-4-7-20260101 is opus in the tier table") ||
		!strings.Contains(r.Stdout, `"path": "models.opus.price_per_mtok.input"`) || !strings.Contains(r.Stdout, `"confidence": "official"`) {
		t.Errorf("model id: exit %d, stderr %q\n%s", r.Code, r.Stderr, r.Stdout)
	}
	// A figure read long ago is named by the staleness warning of show.
	r = runTierplan(t, nil, "", "tiers", "show", "team-premium")
	if !strings.Contains(r.Stderr, "the oldest figure this answer used, plans.team-premium.seat_price_monthly ($150), is 423 days old (as_of 2025-10-01)") {
		t.Errorf("team-premium: stderr %q", r.Stderr)
	}
}

func TestTiersShowUnknownName(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "show", "tier-1")
	if r.Code != cmdutil.ExitError || !strings.HasPrefix(r.Stderr, `tierplan: no tier, plan or model named "tier-1" in embedded default (names: build, custom,`) {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	r = runTierplan(t, nil, "", "tiers", "show")
	if r.Code != cmdutil.ExitUsage {
		t.Fatalf("no NAME: exit %d, want %d", r.Code, cmdutil.ExitUsage)
	}
}

func TestTiersShowCompletion(t *testing.T) {
	r := runTierplan(t, nil, "", "__complete", "tiers", "show", "so")
	want := "sonnet\nsonnet-3.7\nsonnet-4\nsonnet-4.5\nsonnet-5\nsonnet-5.5\n:4\n"
	if r.Code != 0 || !strings.HasPrefix(r.Stdout, want) {
		t.Fatalf("exit %d, completions:\n%s", r.Code, r.Stdout)
	}
}

// TestTiersShowCSVValues checks the raw figures of the default table: Start
// gives opus-4 1,000 rpm and 2,000,000 itpm; sonnet costs $3 / $15 per MTok
// and half that in batch ($1.50 / $7.50; $3.75 × 0.5 = $1.875).
func TestTiersShowCSVValues(t *testing.T) {
	r := runTierplan(t, nil, "", "tiers", "show", "start", "-o", "csv")
	if !strings.Contains(r.Stdout, "\nstart,opus-4,1000,2000000,400000,,,,500,false,false,") {
		t.Errorf("tier start:\n%s", r.Stdout)
	}
	r = runTierplan(t, nil, "", "tiers", "show", "sonnet", "-o", "csv")
	for _, want := range []string{"\nsonnet,sonnet-4,standard,,3,15,3.75,6,0.3\n", "\nsonnet,sonnet-4,batch,,1.5,7.5,1.875,3,0.15\n"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("model sonnet: no %q in\n%s", want, r.Stdout)
		}
	}
}

// exampleDir holds the example tables, seen from this package.
const exampleDir = "../../../../tiers/examples/"

// runTierplan runs tierplan in-process (cmdtest.Run), with the example
// tables' directory written as from the repository root.
func runTierplan(t *testing.T, env map[string]string, stdin string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.Run(t, root.Main, env, stdin, args...).Scrub(exampleDir, "tiers/examples/")
}
