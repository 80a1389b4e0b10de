package planner

import (
	"os"
	"path/filepath"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/planner/session"
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

// testModel is Sonnet-class pricing: $3 in, $15 out, $3.75 / $6 cache
// writes, $0.30 cache reads per million tokens.
func testModel() tiers.Model {
	return tiers.Model{
		Name: "sonnet", Pool: "sonnet-4", ContextWindow: 200_000,
		Price: tiers.Prices{
			Input: tiers.Dollars(3), Output: tiers.Dollars(15),
			CacheWrite5m: tiers.Dollars(3.75), CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.30),
		},
		BatchDiscount: 0.5, OTPMAccounting: tiers.OTPMActual,
	}
}

// fourCalls is a session of four calls from a 1,500-token first context
// growing 500 a call with 100 output each: contexts 1,500, 2,000, 2,500,
// 3,000.
func fourCalls(cache session.Cache) []session.Call {
	return session.Shape{Prefix: 1_500, Growth: 500, Output: 100, Cache: cache}.Calls(4)
}

// usageOfCalls sums calls by kind.
func usageOfCalls(calls []session.Call, m tiers.Model, ttlHour bool) Usage {
	var u Usage
	for _, c := range calls {
		u = u.Add(CallUsage(c, m, ttlHour))
	}
	return u
}
