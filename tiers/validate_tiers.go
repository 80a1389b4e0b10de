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
		if r.MonthlySpendCap != nil {
			t.MonthlySpendCap = c.positiveMoney(r.MonthlySpendCap, label+": monthly_spend_cap", "tiers", i, "monthly_spend_cap")
			t.HasSpendCap = t.MonthlySpendCap > 0
		}
		if !r.Negotiated && len(r.Limits) == 0 {
			c.required(false, "limits in "+label+" (or negotiated: true)", "tiers", i, "limits")
			if c.ix.has("tiers", i, "limits") && !c.ix.null("tiers", i, "limits") {
				c.add(c.ix.line("tiers", i, "limits"), "%s: no limits given (or set negotiated: true)", label)
			}
		}
		t.Limits = c.limits(r.Limits, pools, label, i)
		if r.Batch != nil {
			t.Batch = &BatchLimits{
				RPM:           c.positive(r.Batch.RPM, label+": batch rpm", "tiers", i, "batch", "rpm"),
				QueueRequests: c.positive(r.Batch.QueueRequests, label+": batch queue_requests", "tiers", i, "batch", "queue_requests"),
			}
			if r.Batch.RPM == nil && r.Batch.QueueRequests == nil {
				c.add(c.ix.line("tiers", i, "batch"), "%s: batch has neither rpm nor queue_requests", label)
			}
		}
		out = append(out, t)
	}
	return out
}

func (c *checker) limits(raw map[string]rawLimits, pools []string, label string, i int) map[string]Limits {
	if len(raw) == 0 {
		return nil
	}
	names := make([]string, 0, len(raw))
	for p := range raw {
		names = append(names, p)
	}
	sort.Strings(names)
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
		lim := Limits{
			RPM:            c.positive(l.RPM, what+"rpm", at("rpm")...),
			ITPM:           c.positive(l.ITPM, what+"itpm", at("itpm")...),
			OTPM:           c.positive(l.OTPM, what+"otpm", at("otpm")...),
			TPM:            c.positive(l.TPM, what+"tpm", at("tpm")...),
			TokensPerDay:   c.positive(l.TokensPerDay, what+"tokens_per_day", at("tokens_per_day")...),
			RequestsPerDay: c.positive(l.RequestsPerDay, what+"requests_per_day", at("requests_per_day")...),
		}
		if l == (rawLimits{}) {
			c.add(c.ix.line("tiers", i, "limits", pool), "%s: no limits given for pool %s", label, pool)
		}
		if known {
			out[pool] = lim
		}
	}
	return out
}

// allKinds is what a plan's allowance counts when its file does not say:
// every kind, as the usage tools that report "% of limit" count them.
var allKinds = []TokenKind{KindInput, KindOutput, KindCacheWrite, KindCacheRead}

func (c *checker) plans(raw []rawPlan, t *Table) []Plan {
	var out []Plan
	seen := map[string]int{}
	for i, r := range raw {
		label := fmt.Sprintf("plan %d", i+1)
		if r.Name != "" {
			label = "plan " + r.Name
		}
		c.required(r.Name != "", "name in "+label, "plans", i, "name")
		if first, dup := seen[r.Name]; dup && r.Name != "" {
			c.add(c.ix.line("plans", i, "name"), "duplicate plan name %q (first at line %d)", r.Name, first)
		}
		seen[r.Name] = c.ix.line("plans", i, "name")
		p := Plan{Name: r.Name, Line: c.ix.line("plans", i), Models: r.Models}
		c.required(r.PriceMonthly != nil, "price_monthly in "+label, "plans", i, "price_monthly")
		p.PriceMonthly = c.positiveMoney(r.PriceMonthly, label+": price_monthly", "plans", i, "price_monthly")
		p.SeatPriceMonthly = c.positiveMoney(r.SeatPriceMonthly, label+": seat_price_monthly", "plans", i, "seat_price_monthly")
		p.Window5h = c.allowance(r.Window5h, label, "plans", i, "window_5h")
		p.Weekly = c.allowance(r.Weekly, label, "plans", i, "weekly")
		if r.Window5h == nil && r.Weekly == nil && !c.ix.has("plans", i, "window_5h") && !c.ix.has("plans", i, "weekly") {
			c.add(p.Line, "%s: needs a window_5h or a weekly allowance", label)
		}
		p.Counts = c.counts(r.Counts, label, i)
		for j, m := range r.Models {
			if _, ok := t.Model(m); !ok {
				c.add(c.ix.line("plans", i, "models", j), "%s: unknown model %q", label, m)
			}
		}
		out = append(out, p)
	}
	return out
}

func (c *checker) allowance(r *rawAllowance, label string, at ...any) *Allowance {
	if r == nil {
		return nil
	}
	key := at[len(at)-1].(string)
	sub := func(k ...any) []any { return append(append([]any{}, at...), k...) }
	a := &Allowance{Estimate: r.Estimate, Source: r.Source, Basis: r.Basis}
	c.required(r.Source != "", "source in "+label+" "+key, sub("source")...)
	c.required(r.USDEquivalent != nil, "usd_equivalent in "+label+" "+key, sub("usd_equivalent")...)
	if u := r.USDEquivalent; u != nil {
		c.required(u.Low != nil, "low in "+label+" "+key, sub("usd_equivalent", "low")...)
		c.required(u.High != nil, "high in "+label+" "+key, sub("usd_equivalent", "high")...)
		a.Low = c.positiveMoney(u.Low, label+" "+key+": low", sub("usd_equivalent", "low")...)
		a.High = c.positiveMoney(u.High, label+" "+key+": high", sub("usd_equivalent", "high")...)
		if a.Low > 0 && a.High > 0 && a.Low > a.High {
			c.add(c.ix.line(sub("usd_equivalent", "low")...), "%s %s: low %s is above high %s", label, key, trimDollars(a.Low), trimDollars(a.High))
		}
	}
	return a
}

func (c *checker) counts(raw []string, label string, i int) []TokenKind {
	if raw == nil {
		return append([]TokenKind(nil), allKinds...)
	}
	valid := []string{"input", "output", "cache_write", "cache_read", "cache_write_5m", "cache_write_1h"}
	var out []TokenKind
	for j, k := range raw {
		line := c.ix.line("plans", i, "counts", j)
		switch {
		case !contains(valid, k):
			c.add(line, "%s: counts: unknown token kind %q (kinds: %s)", label, k, strings.Join(valid, ", "))
		case contains(kindStrings(out), k):
			c.add(line, "%s: counts: %s listed twice", label, k)
		case strings.HasPrefix(k, "cache_write_") && contains(raw, "cache_write"):
			c.add(line, "%s: counts: %s is already part of cache_write", label, k)
		default:
			out = append(out, TokenKind(k))
		}
	}
	if len(raw) == 0 {
		c.add(c.ix.line("plans", i, "counts"), "%s: counts is empty (omit it to count every kind)", label)
	}
	return out
}

func kindStrings(ks []TokenKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}
