package usage

import (
	"fmt"
	"strconv"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// minuteSections show the per-minute picture: the busiest minute of each
// pool, the top minutes, and every minute replayed against every tier.
func (u usageView) minuteSections() []usageSection {
	pk := u.rep.Peaks
	top := render.Grid{Header: []string{"MINUTE", "POOL", "REQUESTS", "INPUT TOKENS", "OUTPUT TOKENS"}, RightAlign: []bool{false, false, true, true, true}}
	for _, m := range pk.Top {
		top.Rows = append(top.Rows, []string{u.when(m.Minute), m.Pool, u.n(m.Requests), u.n(m.ITPM), u.n(m.OTPM)})
	}
	topSection := usageSection{
		title: fmt.Sprintf("Top %d minutes by input tokens as the pool's limiter counts them (uncached input + cache writes, + cache reads where they count)", len(pk.Top)),
		grid:  top,
	}
	if u.raw {
		return []usageSection{topSection}
	}
	pools := render.Grid{Header: []string{"POOL", "ACTIVE MINUTES", "MAX RPM", "MAX ITPM", "MAX OTPM"}, RightAlign: []bool{false, true, true, true, true}}
	for _, p := range pk.Pools {
		pools.Rows = append(pools.Rows, []string{p.Pool, u.n(int64(p.ActiveMinutes)), u.n(p.MaxRPM), u.n(p.MaxITPM), u.n(p.MaxOTPM)})
	}
	replay := render.Grid{
		Header:     []string{"TIER", "THROTTLED MINUTES", "OVER RPM", "OVER ITPM", "OVER OTPM", "OVER TPM", "NOT OFFERED", "PEAK USE"},
		RightAlign: []bool{false, true, true, true, true, true, true, true},
	}
	for _, t := range pk.Tiers {
		peak := ""
		if t.PeakLimit != "" {
			peak = fmt.Sprintf("%s %s", render.Pct(t.PeakUtilisation), t.PeakLimit)
		}
		replay.Rows = append(replay.Rows, []string{t.Tier, fmt.Sprintf("%s of %s", u.n(int64(t.Throttled)), u.n(int64(t.Minutes))),
			strconv.Itoa(t.OverRPM), strconv.Itoa(t.OverITPM), strconv.Itoa(t.OverOTPM), strconv.Itoa(t.OverTPM), strconv.Itoa(t.NotOffered), peak})
	}
	note := "A clock minute is coarser than the vendor's continuously refilled bucket: a burst split across two minutes is undercounted, so these counts are a lower bound."
	if pk.UnpooledRequests > 0 {
		note += fmt.Sprintf("\n%s of models not in the tier table belong to no pool and are left out.", render.Plural(int(pk.UnpooledRequests), "request"))
	}
	return []usageSection{
		{title: "Busiest minute per rate-limit pool", grid: pools},
		topSection,
		{title: "Every observed minute replayed against each API tier", grid: replay, note: note},
	}
}

// shortID abbreviates a session UUID for tables, as git does commits.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
