package usage

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// testTable is a small tier table built in Go: list prices of late 2025
// (USD per MTok: input / output / 5-minute write / 1-hour write / cache
// read), a Sonnet long-context rule, a model whose cache reads count toward
// ITPM, and two API tiers.
func testTable() *tiers.Table {
	usd := tiers.Dollars
	prices := func(in, out, w5, w1, read float64) tiers.Prices {
		return tiers.Prices{Input: usd(in), Output: usd(out), CacheWrite5m: usd(w5), CacheWrite1h: usd(w1), CacheRead: usd(read)}
	}
	return &tiers.Table{
		SchemaVersion: 1,
		Provider:      "anthropic",
		AsOf:          time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
		Origin:        "test table",
		Models: []tiers.Model{
			{Name: "sonnet", Match: []string{"claude-sonnet-4-"}, Pool: "sonnet-4", Price: prices(3, 15, 3.75, 6, 0.30),
				LongContext: &tiers.LongContext{Threshold: 200_000, Price: prices(6, 22.50, 7.50, 12, 0.60)}},
			{Name: "opus", Match: []string{"claude-opus-4-5", "claude-opus-4-6"}, Pool: "opus-4", Price: prices(5, 25, 6.25, 10, 0.50)},
			{Name: "haiku", Match: []string{"claude-haiku-4-5"}, Pool: "haiku-4-5", Price: prices(1, 5, 1.25, 2, 0.10)},
			{Name: "haiku-3-5", Match: []string{"claude-3-5-haiku"}, Pool: "haiku-3-5", Price: prices(0.80, 4, 1, 1.6, 0.08), ITPMCountsCacheReads: true},
		},
		Tiers: []tiers.Tier{
			{Name: "tier-1", Limits: map[string]tiers.Limits{
				"sonnet-4":  {RPM: 50, ITPM: 30_000, OTPM: 8_000},
				"opus-4":    {RPM: 50, ITPM: 30_000, OTPM: 8_000},
				"haiku-4-5": {RPM: 50, ITPM: 50_000, OTPM: 10_000},
			}},
			{Name: "start", Limits: map[string]tiers.Limits{
				"sonnet-4":  {RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000},
				"opus-4":    {RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000},
				"haiku-4-5": {RPM: 1_000, ITPM: 2_000_000, OTPM: 400_000},
			}},
			{Name: "custom", Negotiated: true},
		},
	}
}
