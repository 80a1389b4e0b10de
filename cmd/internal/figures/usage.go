package figures

import (
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// Usage is usage's charts: the cost of each day at list prices (tokens
// when nothing could be priced), and, given a plan, each 5-hour block's
// counted use (in the kinds the plan counts, named by basis) against the
// plan's estimated 5-hour allowance.
func Usage(rep usage.Report, plan *tiers.Plan, basis string, uses []windows.BlockUse, loc *time.Location) []chart.Picture {
	var pics []chart.Picture
	if len(rep.Days) > 0 {
		days := chart.Figure{
			Title: "API-equivalent cost per day, at list prices",
			X:     chart.Axis{Title: "day (" + rep.Timezone + ")"},
			Y:     chart.Axis{Title: "dollars", Unit: chart.Dollars},
		}
		s := chart.Series{Name: "cost of the day", Kind: chart.Bars}
		priced := rep.Totals.CostUSD > 0
		if !priced {
			days.Title, days.Y, s.Name = "Tokens per day (no model the tier table prices)", chart.Axis{Title: "tokens", Unit: chart.Tokens}, "tokens of the day"
		}
		for i, d := range rep.Days {
			days.X.Categories = append(days.X.Categories, shortDate(d.Date))
			s.X = append(s.X, float64(i))
			if priced {
				s.Y = append(s.Y, d.CostUSD.Float())
			} else {
				s.Y = append(s.Y, float64(d.TotalTokens))
			}
		}
		days.Series = []chart.Series{s}
		pics = append(pics, days)
	}
	if p := plan; p != nil && len(uses) > 0 {
		blocks := chart.Figure{
			Title: "Each 5-hour block against " + p.Name + "'s 5-hour allowance (" + basis + " at list prices)",
			X:     chart.Axis{Title: "block start (" + rep.Timezone + ")"},
			Y:     chart.Axis{Title: "dollars counted", Unit: chart.Dollars},
		}
		s := chart.Series{Name: "counted use of the block", Kind: chart.Bars}
		for i, b := range uses {
			blocks.X.Categories = append(blocks.X.Categories, b.Start.In(loc).Format("01-02 15:04"))
			s.X = append(s.X, float64(i))
			s.Y = append(s.Y, b.Counted.Float())
		}
		blocks.Series = []chart.Series{s}
		if a := p.Window5h; a != nil {
			blocks.Bands = []chart.Band{{Name: "estimated allowance " + a.Low.String() + "–" + a.High.String(), Lo: a.Low.Float(), Hi: a.High.Float()}}
		}
		pics = append(pics, blocks)
	}
	return pics
}

// shortDate writes 2026-12-03 as 12-03: the year is in the table above.
func shortDate(d string) string {
	if len(d) == len("2006-01-02") {
		return d[5:]
	}
	return d
}

// Basis names the token kinds a plan counts, as charts and tables say it.
func Basis(kinds []tiers.TokenKind) string {
	if len(kinds) == 0 {
		return "all four token kinds"
	}
	var names []string
	for _, k := range kinds {
		names = append(names, strings.ReplaceAll(string(k), "_", " "))
	}
	return strings.Join(names, " + ") + " tokens"
}
