// Package list is `tierplan tiers list`: every tier with its limits per pool,
// every plan with its price and allowances, and every model with its prices.
package list

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// tiersListReport is `tiers list -o json`: the whole table in effect.
type tiersListReport struct {
	SchemaVersion int                     `json:"schema_version"`
	Table         shared.TableInfoJSON    `json:"table"`
	Tiers         []shared.TableTierJSON  `json:"tiers"`
	Plans         []shared.TablePlanJSON  `json:"plans"`
	Models        []shared.TableModelJSON `json:"models"`
	// UnknownLimits are the pools whose limits are not published, with why.
	UnknownLimits map[string]string `json:"unknown_limits"`
}

// Options are tiers list's command line: only the global flags.
type Options struct {
	App *cmdutil.App
}

// NewCmdList is the tiers list command; runF, when set, runs instead of
// listRun (tests check flag parsing with it).
func NewCmdList(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	return &cobra.Command{
		Use:   "list",
		Short: "Every tier and plan with its limits per pool, and every model",
		Long: `list shows the table in effect: each API tier's limits per rate-limit pool
and spend cap, each subscription plan's price and allowances, and each model's
pool and prices. -o csv writes the tier limits only, one row per tier and pool.`,
		Example: `  tierplan tiers list
  tierplan tiers list --tiers tiers/examples/openai.yaml
  tierplan tiers list -o json`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
}

// listRun writes the table in effect.
func listRun(opts *Options) error {
	t, err := opts.App.Table()
	if err != nil {
		return err
	}
	return opts.App.Write(listOutput(t))
}

func listReport(t *tiers.Table) tiersListReport {
	rep := tiersListReport{SchemaVersion: 1, Table: shared.TableInfo(t), Tiers: []shared.TableTierJSON{}, Plans: []shared.TablePlanJSON{},
		Models: []shared.TableModelJSON{}, UnknownLimits: map[string]string{}}
	for p, why := range t.UnknownLimits {
		rep.UnknownLimits[p] = why
	}
	for _, x := range t.Tiers {
		rep.Tiers = append(rep.Tiers, shared.TierReport(x))
	}
	for _, x := range t.Plans {
		rep.Plans = append(rep.Plans, shared.PlanReport(x))
	}
	for _, x := range t.Models {
		rep.Models = append(rep.Models, shared.ModelReport(x))
	}
	return rep
}

// listOutput is the list in every format; csv holds the tier limits only.
func listOutput(t *tiers.Table) render.Report {
	return render.Report{
		Model: listReport(t),
		CSV:   func() render.Grid { return shared.TierLimitsCSV(t) },
		Text: func(buf *render.Page) error {
			md := buf.MD
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
				if err := render.Section(buf, s.title, s.grid); err != nil {
					return err
				}
			}
			var footnotes []string
			if anyDaggerModel(t) {
				footnotes = append(footnotes, "† cache reads count toward this pool's input-token limit (ITPM or TPM)")
			}
			if len(t.UnknownLimits) > 0 {
				var pools []string
				for _, p := range t.Pools {
					if _, ok := t.UnknownLimits[p]; ok {
						pools = append(pools, p)
					}
				}
				footnotes = append(footnotes, "limits not published (plan says when a verdict rests on them; `tierplan tiers show MODEL` says why): "+strings.Join(pools, ", "))
			}
			if below := belowOfficial(t); below > 0 {
				footnotes = append(footnotes, fmt.Sprintf("%d of the %d figures are below official confidence: `tierplan tiers validate --strict` lists them, `tierplan tiers show NAME` gives each figure's source and date", below, len(t.Figures)))
			}
			for i, f := range footnotes {
				if md && i == 0 {
					buf.WriteString("\n")
				}
				if md {
					f = "- " + f
				}
				buf.WriteString(f + "\n")
			}
			return nil
		},
	}
}

func belowOfficial(t *tiers.Table) int {
	n := 0
	for _, f := range t.Figures {
		if f.Confidence.BelowOfficial() {
			n++
		}
	}
	return n
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

func tierLimitsGrid(t *tiers.Table) render.Grid {
	kinds := shared.UsedLimitKinds(t.Tiers)
	g := render.Grid{Header: []string{"TIER", "POOL"}, RightAlign: []bool{false, false}}
	for _, k := range kinds {
		g.Header = append(g.Header, shared.LimitKinds[k].Header)
		g.RightAlign = append(g.RightAlign, true)
	}
	g.Header = append(g.Header, "SPEND CAP/MONTH", "REACHED")
	g.RightAlign = append(g.RightAlign, true, false)
	for _, tier := range t.Tiers {
		pools := shared.TierPools(t, tier)
		if len(pools) == 0 {
			row := []string{tier.Name, tierNote(tier)}
			for range kinds {
				row = append(row, "-")
			}
			g.Rows = append(g.Rows, append(row, shared.SpendCap(tier), tier.Reached))
			continue
		}
		for i, pool := range pools {
			row := []string{"", pool}
			if i == 0 {
				row[0] = tier.Name
			}
			for _, k := range kinds {
				row = append(row, shared.CountCell(shared.LimitKinds[k].Get(tier.Limits[pool])))
			}
			capCell, reached := "", ""
			if i == 0 {
				capCell, reached = shared.SpendCap(tier), tier.Reached
			}
			g.Rows = append(g.Rows, append(row, capCell, reached))
		}
	}
	return g
}

func tierNote(t tiers.Tier) string {
	if t.Negotiated {
		return "(negotiated)"
	}
	return "(no limits)"
}
