package diagnose

import (
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// testTable is a small Tier 1–2 table with the figures of the April 2026
// official page for the Sonnet 4.x pool (Tier 1 50 RPM / 30,000 ITPM / 8,000
// OTPM, $100 monthly cap; Tier 2 1,000 / 450,000 / 90,000, $500), a Haiku 4.5
// pool so matching must tell pools apart, and a negotiated tier on top.
func testTable() *tiers.Table {
	return &tiers.Table{
		SchemaVersion: 1,
		Provider:      "anthropic",
		AsOf:          time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC),
		Origin:        "test table",
		Tiers: []tiers.Tier{
			{Name: "Tier 1", MonthlySpendCap: tiers.Dollars(100), HasSpendCap: true, Limits: map[string]tiers.Limits{
				"sonnet-4":  {RPM: 50, ITPM: 30_000, OTPM: 8_000},
				"haiku-4-5": {RPM: 50, ITPM: 50_000, OTPM: 10_000},
			}},
			{Name: "Tier 2", MonthlySpendCap: tiers.Dollars(500), HasSpendCap: true, Limits: map[string]tiers.Limits{
				"sonnet-4":  {RPM: 1_000, ITPM: 450_000, OTPM: 90_000},
				"haiku-4-5": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000},
			}},
			{Name: "Monthly Invoicing", Negotiated: true},
		},
	}
}
