package tiers

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// checker turns a decoded rawTable into a Table, collecting every semantic
// problem with its line instead of stopping at the first.
type checker struct {
	ix    *lineIndex
	probs []Problem
	// failed marks values yaml could not decode (already reported), so no
	// second "must be positive" follows for the zero they left behind.
	failed map[lineKey]bool
	// poolsKnown is false when some model's pool could not be read; limits
	// naming an unknown pool are then not reported, as the pool may well be
	// the one that could not be read. A decode problem elsewhere (a bad date,
	// a misspelt key) leaves the pools known, so the typo is still told.
	poolsKnown bool
	// decodeFailed is true when yaml.v3 reported any problem, so some values
	// may be missing from the decoded structs.
	decodeFailed bool
	// provs is the provenance each level of the document writes; sources
	// the table's named sources.
	provs   map[string]provText
	sources map[string]Provenance
	figures []Figure
	// warnings are kept apart from problems: they do not make a table
	// invalid.
	warnings []Problem
}

type lineKey struct {
	line int
	key  string
}

// failedAt reports whether the value at p failed to decode, or is a figure
// written as a mapping without its value (reported by the decoder).
func (c *checker) failedAt(p ...any) bool {
	key, _ := p[len(p)-1].(string)
	if c.failed[lineKey{c.ix.line(p...), key}] {
		return true
	}
	return c.ix.children(p...) > 0 && !c.ix.has(append(append([]any{}, p...), "value")...)
}

func (c *checker) add(line int, format string, a ...any) {
	c.probs = append(c.probs, Problem{line, fmt.Sprintf(format, a...)})
}

// required reports a missing key, unless the key is written with a value
// that failed to decode (that problem is already reported).
func (c *checker) required(present bool, what string, p ...any) {
	if present {
		return
	}
	switch {
	case !c.ix.has(p...):
		c.add(c.ix.line(p...), "missing %s", what)
	case c.ix.null(p...):
		c.add(c.ix.line(p...), "%s has no value", what)
	}
}

func (c *checker) table(r *rawTable) *Table {
	c.readSources(r)
	prov := c.provAt()
	t := &Table{SchemaVersion: SchemaVersion, Provider: r.Provider, Title: r.Title, Source: prov.Source}
	c.required(r.Provider != "", "provider (who sets these limits, e.g. anthropic)", "provider")
	c.required(r.Prov.Source != "", "source (where the figures come from)", "source")
	c.required(r.Prov.AsOf != nil, "as_of (the date the figures were read, YYYY-MM-DD)", "as_of")
	if r.Prov.AsOf != nil {
		t.AsOf = time.Time(*r.Prov.AsOf)
	}
	c.required(len(r.Models) > 0, "models", "models")
	t.Pools = c.pools(r)
	c.poolsKnown = r.Pools != nil || c.everyModelDecoded(r) && allPoolsNamed(r)
	t.UnknownLimits = c.unknownLimits(r, t.Pools)
	t.Models = c.models(r, t.Pools)
	if len(r.Tiers) == 0 && len(r.Plans) == 0 && !c.ix.has("tiers") && !c.ix.has("plans") {
		c.add(1, "no tiers and no plans: a table needs at least one of them")
	}
	t.Tiers = c.tiers(r.Tiers, t.Pools)
	t.Plans = c.plans(r.Plans, t)
	c.poolsWithLimits(r, t)
	c.namesDistinct(t)
	c.shadowWarnings(t.Models)
	t.Figures, t.Warnings = c.figures, c.warnings
	return t
}

// unknownLimits reads the pools whose limits are not published, each with
// why; every one must be a pool of the table.
func (c *checker) unknownLimits(r *rawTable, pools []string) map[string]string {
	if len(r.UnknownLimits) == 0 {
		return nil
	}
	out := map[string]string{}
	for pool, why := range r.UnknownLimits {
		line := c.ix.line("unknown_limits", pool)
		switch {
		case !contains(pools, pool) && c.poolsKnown:
			hint := "pools: " + strings.Join(pools, ", ")
			if s := closestKey(pool, pools); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			c.add(line, "unknown_limits: %q is not a pool of the table (%s)", pool, hint)
		case strings.TrimSpace(why) == "":
			c.add(line, "unknown_limits: say why the limits of pool %s are unknown (where they were looked for)", pool)
		default:
			out[pool] = why
		}
	}
	return out
}

// pools is the explicit pools list, or else every pool a model names, in
// the order models appear.
func (c *checker) pools(r *rawTable) []string {
	if r.Pools != nil {
		seen := map[string]int{}
		for i, p := range r.Pools {
			line := c.ix.line("pools", i)
			if p == "" {
				c.add(line, "pools: empty pool name")
			} else if first, dup := seen[p]; dup {
				c.add(line, "pools: duplicate pool %q (first at line %d)", p, first)
			}
			seen[p] = line
		}
		return r.Pools
	}
	var out []string
	for _, name := range c.modelOrder(r) {
		m := r.Models[name]
		if p := m.Pool; p != "" && !contains(out, p) {
			out = append(out, p)
		}
		if m.Fast != nil && m.Fast.Pool != "" && !contains(out, m.Fast.Pool) {
			out = append(out, m.Fast.Pool)
		}
	}
	return out
}

// everyModelDecoded reports whether each model written under models: came
// through decoding, so the pools they name are the whole story. A models:
// that is not a mapping decodes to none and leaves nothing to compare with.
func (c *checker) everyModelDecoded(r *rawTable) bool {
	if !c.decodeFailed {
		return true
	}
	return len(r.Models) > 0 && len(r.Models) == c.ix.children("models")
}

func allPoolsNamed(r *rawTable) bool {
	for _, m := range r.Models {
		if m.Pool == "" || m.Fast != nil && m.Fast.Pool == "" {
			return false
		}
	}
	return true
}

// modelOrder lists model names in file order (a YAML mapping decodes into a
// Go map, which has none).
func (c *checker) modelOrder(r *rawTable) []string {
	names := make([]string, 0, len(r.Models))
	for n := range r.Models {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := c.ix.line("models", names[i]), c.ix.line("models", names[j])
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	return names
}

// namesDistinct refuses a tier and a plan of the same name, which `tiers
// show NAME` and recommendations could not tell apart.
func (c *checker) namesDistinct(t *Table) {
	for _, p := range t.Plans {
		if x, ok := t.Tier(p.Name); ok && p.Name != "" {
			c.add(p.Line, "plan %s has the same name as the tier at line %d", p.Name, x.Line)
		}
		for _, a := range p.Aliases {
			if x, ok := t.Tier(a); ok {
				c.add(p.Line, "plan %s's alias %s is the name of the tier at line %d", p.Name, a, x.Line)
			}
		}
	}
}

// positive checks an optional count: absent is fine, zero or less is not.
// A count that is kept is recorded as a figure named fig.
func (c *checker) positive(v *count, what string, fig figKey, p ...any) int64 {
	if v == nil || c.failedAt(p...) {
		return 0
	}
	if *v <= 0 {
		c.add(c.ix.line(p...), "%s must be positive, found %d (omit it when there is no such limit)", what, *v)
		return 0
	}
	if *v > MaxLimit {
		c.add(c.ix.line(p...), "%s: %s is more than the %s tierplan can plan with; is a digit too many?", what, GroupDigits(int64(*v)), GroupDigits(MaxLimit))
		return 0
	}
	c.figure(fig, GroupDigits(int64(*v)), p...)
	return int64(*v)
}

// positiveMoney checks an optional amount: absent is fine, zero or less is
// not, nor more than MaxAmount. An amount that is kept is recorded as a
// figure named fig.
func (c *checker) positiveMoney(v *usd, what string, fig figKey, p ...any) Money {
	return c.boundedMoney(v, MaxAmount, what, fig, p...)
}

// boundedMoney is positiveMoney with its own upper bound (a price per
// million tokens has a lower one).
func (c *checker) boundedMoney(v *usd, max Money, what string, fig figKey, p ...any) Money {
	if v == nil || c.failedAt(p...) {
		return 0
	}
	if *v <= 0 {
		c.add(c.ix.line(p...), "%s must be more than zero, found %s", what, trimDollars(Money(*v)))
		return 0
	}
	if Money(*v) > max {
		c.add(c.ix.line(p...), "%s: %s is more than the %s tierplan can plan with; is it in dollars?", what, Money(*v), max)
		return 0
	}
	c.figure(fig, Money(*v).Exact(), p...)
	return Money(*v)
}

// trimDollars shows an amount as written in the file: 3.75, 0.3, -1.
func trimDollars(m Money) string {
	s := fmt.Sprintf("%d.%06d", int64(m)/1_000_000, abs(int64(m)%1_000_000))
	if m < 0 && m > -1_000_000 {
		s = "-" + s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
