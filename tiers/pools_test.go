package tiers_test

import (
	"os"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// TestPoolWithoutLimits: a model pool no tier limits is refused as a typo
// (see testdata/broken/model-pool-typo) unless an explicit pools: list
// declares it, as the shipped table does for a model kept only for pricing.
func TestPoolWithoutLimits(t *testing.T) {
	data, err := os.ReadFile("testdata/broken/model-pool-typo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	declared := strings.Replace(string(data), "tiers:\n", "pools: [sonnt-4, sonnet-4]\ntiers:\n", 1)
	tb, err := tiers.Parse("declared.yaml", []byte(declared))
	if err != nil {
		t.Fatalf("a pool named in pools: is refused: %v", err)
	}
	if m, ok := tb.Model("sonnet"); !ok || m.Pool != "sonnt-4" {
		t.Fatalf("model sonnet = %+v, %v", m, ok)
	}

	// No tier with limits at all (plans only, or all negotiated): nothing to check.
	negotiated := strings.Replace(string(data), "    monthly_spend_cap: 500\n    limits:\n      sonnet-4: {rpm: 50, itpm: 2000000, otpm: 400000}\n", "    negotiated: true\n", 1)
	if _, err := tiers.Parse("negotiated.yaml", []byte(negotiated)); err != nil {
		t.Fatalf("a table whose only tier is negotiated is refused: %v", err)
	}
}
