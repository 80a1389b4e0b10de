package planner

import (
	"os"
	"path/filepath"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

// defaultTable is the embedded tier table.
func defaultTable(t testing.TB) *tiers.Table {
	t.Helper()
	tab, err := tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// exampleTable is one of the shipped example tables.
func exampleTable(t testing.TB, name string) *tiers.Table {
	t.Helper()
	path := filepath.Join("..", "tiers", "examples", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := tiers.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}
