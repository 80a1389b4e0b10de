package tiers

import (
	"fmt"
	"sort"
	"strings"
)

func (c *checker) tiers(raw []rawTier, pools []string) []Tier {
	var out []Tier
	seen := map[string]int{}
	for i, r := range raw {
		line := c.ix.line("tiers", i)
		label := fmt.Sprintf("tier %d", i+1)
		if r.Name != "" {
			label = "tier " + r.Name
		}
		c.required(r.Name != "", "name in "+label, "tiers", i, "name")
		if first, dup := seen[r.Name]; dup && r.Name != "" {
			c.add(c.ix.line("tiers", i, "name"), "duplicate tier name %q (first at line %d)", r.Name, first)
		}
		seen[r.Name] = c.ix.line("tiers", i, "name")
		t := Tier{Name: r.Name, Reached: r.Reached, Negotiated: r.Negotiated, Free: r.Free, Line: line}
		if r.Free && r.MonthlySpendCap != nil {
			c.add(c.ix.line("tiers", i, "monthly_spend_cap"), "%s: a free tier has no monthly_spend_cap", label)
		}
		fig := figKey{"tiers", r.Name}
		if r.MonthlySpendCap != nil {
			t.MonthlySpendCap = c.positiveMoney(r.MonthlySpendCap, label+": monthly_spend_cap", fig.add("monthly_spend_cap"), "tiers", i, "monthly_spend_cap")
			t.HasSpendCap = t.MonthlySpendCap > 0
		}
		if !r.Negotiated && len(r.Limits) == 0 {
			c.required(false, "limits in "+label+" (or negotiated: true)", "tiers", i, "limits")
			if c.ix.has("tiers", i, "limits") && !c.ix.null("tiers", i, "limits") {
				c.add(c.ix.line("tiers", i, "limits"), "%s: no limits given (or set negotiated: true)", label)
			}
		}
		t.Limits = c.limits(r.Limits, pools, label, fig, i)
		if r.Batch != nil {
			t.Batch = &BatchLimits{
				RPM:           c.positive(r.Batch.RPM, label+": batch rpm", fig.add("batch", "rpm"), "tiers", i, "batch", "rpm"),
				QueueRequests: c.positive(r.Batch.QueueRequests, label+": batch queue_requests", fig.add("batch", "queue_requests"), "tiers", i, "batch", "queue_requests"),
			}
			if r.Batch.RPM == nil && r.Batch.QueueRequests == nil {
				c.add(c.ix.line("tiers", i, "batch"), "%s: batch has neither rpm nor queue_requests", label)
			}
		}
		out = append(out, t)
	}
	return out
}

func (c *checker) limits(raw map[string]rawLimits, pools []string, label string, fig figKey, i int) map[string]Limits {
	if len(raw) == 0 {
		return nil
	}
	// In the table's pool order (figures are listed in it), then any
	// unknown pool by name.
	names := make([]string, 0, len(raw))
	for p := range raw {
		names = append(names, p)
	}
	rank := func(p string) int {
		for i, x := range pools {
			if x == p {
				return i
			}
		}
		return len(pools)
	}
	sort.Slice(names, func(i, j int) bool {
		if ri, rj := rank(names[i]), rank(names[j]); ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	out := map[string]Limits{}
	for _, pool := range names {
		l := raw[pool]
		at := func(k string) []any { return []any{"tiers", i, "limits", pool, k} }
		known := contains(pools, pool)
		if !known && c.poolsKnown {
			hint := "pools: " + strings.Join(pools, ", ")
			if s := closestKey(pool, pools); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			c.add(c.ix.line("tiers", i, "limits", pool), "%s: limits for unknown pool %q (%s)", label, pool, hint)
		}
		what := label + " " + pool + ": "
		f := fig.add("limits", pool)
		lim := Limits{
			RPM:            c.positive(l.RPM, what+"rpm", f.add("rpm"), at("rpm")...),
			ITPM:           c.positive(l.ITPM, what+"itpm", f.add("itpm"), at("itpm")...),
			OTPM:           c.positive(l.OTPM, what+"otpm", f.add("otpm"), at("otpm")...),
			TPM:            c.positive(l.TPM, what+"tpm", f.add("tpm"), at("tpm")...),
			TokensPerDay:   c.positive(l.TokensPerDay, what+"tokens_per_day", f.add("tokens_per_day"), at("tokens_per_day")...),
			RequestsPerDay: c.positive(l.RequestsPerDay, what+"requests_per_day", f.add("requests_per_day"), at("requests_per_day")...),
		}
		if l.RPM == nil && l.ITPM == nil && l.OTPM == nil && l.TPM == nil && l.TokensPerDay == nil && l.RequestsPerDay == nil {
			c.add(c.ix.line("tiers", i, "limits", pool), "%s: no limits given for pool %s", label, pool)
		}
		if known {
			out[pool] = lim
		}
	}
	return out
}
