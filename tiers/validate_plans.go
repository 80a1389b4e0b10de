package tiers

import (
	"fmt"
	"strconv"
	"strings"
)

// allKinds is what a plan's allowance counts when its file does not say:
// every kind, as the usage tools that report "% of limit" count them.
var allKinds = []TokenKind{KindInput, KindOutput, KindCacheWrite, KindCacheRead}

func (c *checker) plans(raw []rawPlan, t *Table) []Plan {
	var out []Plan
	seen := map[string]int{}
	aliasOf := map[string]string{}
	for _, r := range raw {
		for _, a := range r.Aliases {
			if _, dup := aliasOf[a]; !dup {
				aliasOf[a] = r.Name
			}
		}
	}
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
		if owner, ok := aliasOf[r.Name]; ok && r.Name != "" && owner != r.Name {
			c.add(c.ix.line("plans", i, "name"), "%s: %s is also an alias of plan %s", label, r.Name, owner)
		}
		c.aliases(r, label, i, aliasOf)
		fig := figKey{"plans", r.Name}
		p := Plan{Name: r.Name, Aliases: r.Aliases, Line: c.ix.line("plans", i), Models: r.Models,
			ExcludedModels: r.ExcludedModels, AllowanceUnknown: strings.TrimSpace(r.AllowanceUnknown)}
		c.required(r.PriceMonthly != nil || r.SeatPriceMonthly != nil, "price_monthly (or seat_price_monthly) in "+label, "plans", i, "price_monthly")
		p.PriceMonthly = c.positiveMoney(r.PriceMonthly, label+": price_monthly", fig.add("price_monthly"), "plans", i, "price_monthly")
		p.SeatPriceMonthly = c.positiveMoney(r.SeatPriceMonthly, label+": seat_price_monthly", fig.add("seat_price_monthly"), "plans", i, "seat_price_monthly")
		p.Window5h = c.allowance(r.Window5h, label, fig.add("window_5h"), "plans", i, "window_5h")
		p.Weekly = c.allowance(r.Weekly, label, fig.add("weekly"), "plans", i, "weekly")
		hasAllowance := r.Window5h != nil || r.Weekly != nil || c.ix.has("plans", i, "window_5h") || c.ix.has("plans", i, "weekly")
		switch {
		case !hasAllowance && p.AllowanceUnknown == "":
			c.add(p.Line, "%s: needs a window_5h or a weekly allowance (or allowance_unknown: why none is known)", label)
		case hasAllowance && p.AllowanceUnknown != "":
			c.add(c.ix.line("plans", i, "allowance_unknown"), "%s: allowance_unknown, yet the plan has allowances: keep one", label)
		}
		p.WeeklyMeters = c.meters(r, label, fig, i, t)
		p.APICredits = c.credits(r.APICredits, label, fig, i)
		p.Counts = c.counts(r.Counts, label, i)
		c.modelList(r.Models, label, t, "plans", i, "models")
		c.modelList(r.ExcludedModels, label, t, "plans", i, "excluded_models")
		if len(r.Models) > 0 && len(r.ExcludedModels) > 0 {
			c.add(c.ix.line("plans", i, "excluded_models"), "%s: give models (what it covers) or excluded_models (what it does not), not both", label)
		}
		out = append(out, p)
	}
	return out
}

// aliases checks a plan's former names: each must name nothing else.
func (c *checker) aliases(r rawPlan, label string, i int, aliasOf map[string]string) {
	for j, a := range r.Aliases {
		line := c.ix.line("plans", i, "aliases", j)
		switch {
		case strings.TrimSpace(a) == "":
			c.add(line, "%s: empty alias", label)
		case a == r.Name:
			c.add(line, "%s: alias %s is the plan's own name", label, a)
		case aliasOf[a] != r.Name:
			c.add(line, "%s: alias %s is already plan %s's", label, a, aliasOf[a])
		}
	}
}

func (c *checker) modelList(names []string, label string, t *Table, at ...any) {
	for j, m := range names {
		if _, ok := t.Model(m); !ok {
			c.add(c.ix.line(append(append([]any{}, at...), j)...), "%s: unknown model %q", label, m)
		}
	}
}

func (c *checker) allowance(r *rawAllowance, label string, fig figKey, at ...any) *Allowance {
	if r == nil {
		return nil
	}
	key := at[len(at)-1].(string)
	sub := func(k ...any) []any { return append(append([]any{}, at...), k...) }
	a := &Allowance{Estimate: r.Estimate, Source: c.provAt(at...).Source, Basis: r.Basis}
	c.required(r.Prov.Source != "", "source in "+label+" "+key, sub("source")...)
	c.required(r.USDEquivalent != nil, "usd_equivalent in "+label+" "+key, sub("usd_equivalent")...)
	first := len(c.figures)
	if u := r.USDEquivalent; u != nil {
		c.required(u.Low != nil, "low in "+label+" "+key, sub("usd_equivalent", "low")...)
		c.required(u.High != nil, "high in "+label+" "+key, sub("usd_equivalent", "high")...)
		a.Low = c.positiveMoney(u.Low, label+" "+key+": low", fig.add("low"), sub("usd_equivalent", "low")...)
		a.High = c.positiveMoney(u.High, label+" "+key+": high", fig.add("high"), sub("usd_equivalent", "high")...)
		if a.Low > 0 && a.High > 0 && a.Low > a.High {
			c.add(c.ix.line(sub("usd_equivalent", "low")...), "%s %s: low %s is above high %s", label, key, trimDollars(a.Low), trimDollars(a.High))
		}
	}
	// estimate: true makes the allowance's figures estimates, unless they
	// say otherwise; an allowance whose confidence says estimate is one.
	for i := first; i < len(c.figures); i++ {
		if r.Estimate && !c.confidenceSetUnder(at...) {
			c.figures[i].Confidence = Estimate
		}
		a.Estimate = a.Estimate || c.figures[i].Confidence == Estimate
	}
	return a
}

// meters reads a plan's weekly meters of their own: named, over known
// models, each allowed a share of a weekly allowance the plan has.
func (c *checker) meters(r rawPlan, label string, fig figKey, i int, t *Table) []Meter {
	var out []Meter
	seen := map[string]bool{}
	for j, m := range r.WeeklyMeters {
		at := func(k ...any) []any { return append([]any{"plans", i, "weekly_meters", j}, k...) }
		c.required(m.Name != "", "name in a weekly meter of "+label, at("name")...)
		if seen[m.Name] && m.Name != "" {
			c.add(c.ix.line(at("name")...), "%s: weekly meter %s given twice", label, m.Name)
		}
		seen[m.Name] = true
		c.required(len(m.Models) > 0, "models in weekly meter "+m.Name+" of "+label, at("models")...)
		c.modelList(m.Models, label, t, at("models")...)
		c.required(m.ShareOfWeekly != nil, "share_of_weekly in weekly meter "+m.Name+" of "+label, at("share_of_weekly")...)
		if r.Weekly == nil {
			c.add(c.ix.line(at()...), "%s: weekly meter %s needs a weekly allowance to take its share of", label, m.Name)
		}
		meter := Meter{Name: m.Name, Models: m.Models}
		if m.ShareOfWeekly != nil && !c.failedAt(at("share_of_weekly")...) {
			if s := float64(*m.ShareOfWeekly); s > 0 && s <= 1 {
				meter.ShareOfWeekly = s
				c.figure(fig.add("weekly_meters", m.Name, "share_of_weekly"), strconv.FormatFloat(s, 'g', -1, 64), at("share_of_weekly")...)
			} else {
				c.add(c.ix.line(at("share_of_weekly")...), "%s: weekly meter %s: share_of_weekly must be above 0 and at most 1, found %g", label, m.Name, s)
			}
		}
		out = append(out, meter)
	}
	return out
}

// credits reads a plan's monthly API credits.
func (c *checker) credits(r *rawCredits, label string, fig figKey, i int) *APICredits {
	if r == nil {
		return nil
	}
	at := func(k string) []any { return []any{"plans", i, "api_credits", k} }
	c.required(r.Monthly != nil, "api_credits.monthly in "+label, at("monthly")...)
	out := &APICredits{PerSeat: r.PerSeat}
	out.Monthly = c.positiveMoney(r.Monthly, label+": api_credits.monthly", fig.add("api_credits", "monthly"), at("monthly")...)
	out.Cap = c.positiveMoney(r.Cap, label+": api_credits.cap", fig.add("api_credits", "cap"), at("cap")...)
	if r.Cap != nil && !r.PerSeat {
		c.add(c.ix.line(at("cap")...), "%s: api_credits.cap caps a team's credits per seat: it needs per_seat: true", label)
	}
	return out
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
