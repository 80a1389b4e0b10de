package cmdutil

// FigurePaths names the figures of the tier table an answer rests on, for
// App.UseFigures: every figure of the models it priced, the spend cap, batch
// limits and the limits of the pools it loaded on each tier it rated, and
// every figure of the plans it rated.
func FigurePaths(models, tierNames, pools, plans []string) [][]string {
	var out [][]string
	for _, m := range models {
		out = append(out, []string{"models", m})
	}
	for _, t := range tierNames {
		out = append(out, []string{"tiers", t, "monthly_spend_cap"}, []string{"tiers", t, "batch"})
		for _, p := range pools {
			out = append(out, []string{"tiers", t, "limits", p})
		}
	}
	for _, p := range plans {
		out = append(out, []string{"plans", p})
	}
	return out
}
