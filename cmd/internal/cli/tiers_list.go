package cli

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// tiersListReport is `tiers list -o json`: the whole table in effect.
type tiersListReport struct {
	SchemaVersion int              `json:"schema_version"`
	Table         tableInfoJSON    `json:"table"`
	Tiers         []tableTierJSON  `json:"tiers"`
	Plans         []tablePlanJSON  `json:"plans"`
	Models        []tableModelJSON `json:"models"`
}

func newTiersListCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "Every tier and plan with its limits per pool, and every model",
		Long: `list shows the table in effect: each API tier's limits per rate-limit pool
and spend cap, each subscription plan's price and allowances, and each model's
pool and prices. -o csv writes the tier limits only, one row per tier and pool.`,
		Example: `  tierplan tiers list
  tierplan tiers list --tiers tiers/examples/openai.yaml
  tierplan tiers list -o json`,
		Args: argsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			t, err := app.Table()
			if err != nil {
				return err
			}
			return writeTiersList(app, t)
		},
	}
}

func listReport(t *tiers.Table) tiersListReport {
	rep := tiersListReport{SchemaVersion: 1, Table: tableInfo(t), Tiers: []tableTierJSON{}, Plans: []tablePlanJSON{}, Models: []tableModelJSON{}}
	for _, x := range t.Tiers {
		rep.Tiers = append(rep.Tiers, tierReport(x))
	}
	for _, x := range t.Plans {
		rep.Plans = append(rep.Plans, planReport(x))
	}
	for _, x := range t.Models {
		rep.Models = append(rep.Models, modelReport(x))
	}
	return rep
}

func writeTiersList(app *App, t *tiers.Table) error {
	return app.write(report{
		model: listReport(t),
		csv:   func() render.Grid { return tierLimitsCSV(t) },
		text: func(buf *bytes.Buffer, md bool) error {
			writeTableHeading(buf, t, md)
			sections := []struct {
				title string
				grid  render.Grid
				skip  bool
			}{
				{"API tiers: limits per minute unless marked, per rate-limit pool", tierLimitsGrid(t), len(t.Tiers) == 0},
				{"Subscription plans: allowances in API-equivalent dollars", plansGrid(t), len(t.Plans) == 0},
				{"Models: prices per million tokens", modelsGrid(t), false},
			}
			for _, s := range sections {
				if s.skip {
					continue
				}
				if err := section(buf, s.title, s.grid, md); err != nil {
					return err
				}
			}
			if anyDaggerModel(t) {
				if md {
					buf.WriteString("\n")
				}
				buf.WriteString("† cache reads count toward this pool's input-token limit (ITPM or TPM)\n")
			}
			return nil
		},
	})
}

func anyDaggerModel(t *tiers.Table) bool {
	for _, m := range t.Models {
		if m.ITPMCountsCacheReads {
			return true
		}
	}
	return false
}

// writeTableHeading names the table shown, its date and where to check it.
func writeTableHeading(w io.Writer, t *tiers.Table, md bool) {
	title := t.Title
	if title == "" {
		title = t.Provider
	}
	if md {
		fmt.Fprintf(w, "# %s\n\nTier table: %s, as of %s; source: %s\n", title, t.Origin, t.AsOf.Format("2006-01-02"), t.Source)
		return
	}
	fmt.Fprintf(w, "%s\ntier table: %s (as of %s)\nsource: %s\n", title, t.Origin, t.AsOf.Format("2006-01-02"), t.Source)
}

// limitKinds are the per-pool limits in column order; a column is shown
// only when some tier has that limit.
var limitKinds = []struct {
	header string
	get    func(tiers.Limits) int64
}{
	{"RPM", func(l tiers.Limits) int64 { return l.RPM }},
	{"ITPM", func(l tiers.Limits) int64 { return l.ITPM }},
	{"OTPM", func(l tiers.Limits) int64 { return l.OTPM }},
	{"TPM (IN+OUT)", func(l tiers.Limits) int64 { return l.TPM }},
	{"TOKENS/DAY", func(l tiers.Limits) int64 { return l.TokensPerDay }},
	{"REQUESTS/DAY", func(l tiers.Limits) int64 { return l.RequestsPerDay }},
}

// usedLimitKinds picks the limit columns some tier of t uses.
func usedLimitKinds(ts []tiers.Tier) []int {
	var used []int
	for i, k := range limitKinds {
		for _, t := range ts {
			for _, l := range t.Limits {
				if k.get(l) != 0 && (len(used) == 0 || used[len(used)-1] != i) {
					used = append(used, i)
				}
			}
		}
	}
	return used
}

func tierLimitsGrid(t *tiers.Table) render.Grid {
	kinds := usedLimitKinds(t.Tiers)
	g := render.Grid{Header: []string{"TIER", "POOL"}, RightAlign: []bool{false, false}}
	for _, k := range kinds {
		g.Header = append(g.Header, limitKinds[k].header)
		g.RightAlign = append(g.RightAlign, true)
	}
	g.Header = append(g.Header, "SPEND CAP/MONTH", "REACHED")
	g.RightAlign = append(g.RightAlign, true, false)
	for _, tier := range t.Tiers {
		pools := tierPools(t, tier)
		if len(pools) == 0 {
			row := []string{tier.Name, tierNote(tier)}
			for range kinds {
				row = append(row, "-")
			}
			g.Rows = append(g.Rows, append(row, spendCap(tier), tier.Reached))
			continue
		}
		for i, pool := range pools {
			row := []string{"", pool}
			if i == 0 {
				row[0] = tier.Name
			}
			for _, k := range kinds {
				row = append(row, countCell(limitKinds[k].get(tier.Limits[pool])))
			}
			capCell, reached := "", ""
			if i == 0 {
				capCell, reached = spendCap(tier), tier.Reached
			}
			g.Rows = append(g.Rows, append(row, capCell, reached))
		}
	}
	return g
}

// tierPools lists a tier's pools in the table's pool order.
func tierPools(t *tiers.Table, tier tiers.Tier) []string {
	var out []string
	for _, p := range t.Pools {
		if _, ok := tier.Limits[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

func tierNote(t tiers.Tier) string {
	if t.Negotiated {
		return "(negotiated)"
	}
	return "(no limits)"
}

func spendCap(t tiers.Tier) string {
	switch {
	case t.Free:
		return "free"
	case t.HasSpendCap:
		return t.MonthlySpendCap.Exact()
	}
	return "none"
}

func countCell(n int64) string {
	if n == 0 {
		return "-"
	}
	return tiers.GroupDigits(n)
}
