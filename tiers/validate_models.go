package tiers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

func (c *checker) models(r *rawTable, pools []string) []Model {
	var out []Model
	prefixOwner := map[string]string{}
	for _, name := range c.modelOrder(r) {
		m := r.Models[name]
		at := func(p ...any) []any { return append([]any{"models", name}, p...) }
		fig := figKey{"models", name}
		line := c.ix.line(at()...)
		out = append(out, Model{
			Name:                 name,
			Match:                m.Match,
			Pool:                 m.Pool,
			ContextWindow:        c.contextWindow(name, m, at),
			Price:                c.prices(m.Price, "model "+name, "price_per_mtok", fig.add("price_per_mtok"), at("price_per_mtok")...),
			BatchDiscount:        c.batchDiscount(name, m, at),
			LongContext:          c.longContext(name, m, at),
			ITPMCountsCacheReads: c.itpmCountsCacheReads(name, m, at),
			OTPMAccounting:       c.otpmAccounting(name, m, at),
			Speed:                c.speed(name, m, at),
			Fast:                 c.fast(name, m, pools, at),
			Line:                 line,
		})
		c.required(len(m.Match) > 0, "match (model id prefixes) in model "+name, at("match")...)
		for i, p := range m.Match {
			switch owner, taken := prefixOwner[p]; {
			case strings.TrimSpace(p) == "":
				c.add(c.ix.line(at("match", i)...), "model %s: empty match prefix", name)
			case taken:
				c.add(c.ix.line(at("match", i)...), "model %s: match prefix %q is already model %s's", name, p, owner)
			default:
				prefixOwner[p] = name
			}
		}
		c.required(m.Pool != "", "pool (the rate-limit bucket) in model "+name, at("pool")...)
		if m.Pool != "" && !contains(pools, m.Pool) {
			c.add(c.ix.line(at("pool")...), "model %s: pool %q is not in the pools list (%s)", name, m.Pool, strings.Join(pools, ", "))
		}
	}
	return out
}

func (c *checker) contextWindow(name string, m rawModel, at func(...any) []any) int64 {
	c.required(m.ContextWindow != nil, "context_window in model "+name, at("context_window")...)
	if m.ContextWindow != nil && *m.ContextWindow <= 0 && !c.failedAt(at("context_window")...) {
		c.add(c.ix.line(at("context_window")...), "model %s: context_window must be positive, found %d", name, *m.ContextWindow)
		return 0
	}
	if m.ContextWindow != nil && *m.ContextWindow > MaxLimit && !c.failedAt(at("context_window")...) {
		c.add(c.ix.line(at("context_window")...), "model %s: context_window %s is more than the %s tierplan can plan with", name, GroupDigits(int64(*m.ContextWindow)), GroupDigits(MaxLimit))
		return 0
	}
	if m.ContextWindow == nil || c.failedAt(at("context_window")...) {
		return 0
	}
	c.figure(figKey{"models", name, "context_window"}, GroupDigits(int64(*m.ContextWindow)), at("context_window")...)
	return int64(*m.ContextWindow)
}

// prices checks a complete price list: every kind must be priced, because a
// missing price would silently cost nothing. fig names its figures.
func (c *checker) prices(p *rawPrices, owner, what string, fig figKey, at ...any) Prices {
	c.required(p != nil, what+" in "+owner, at...)
	if p == nil {
		return Prices{}
	}
	get := func(v *usd, key string) Money {
		kp := append(append([]any{}, at...), key)
		c.required(v != nil, what+"."+key+" in "+owner, kp...)
		return c.boundedMoney(v, MaxPricePerMTok, owner+": "+what+"."+key, fig.add(key), kp...)
	}
	return Prices{
		Input:        get(p.Input, "input"),
		Output:       get(p.Output, "output"),
		CacheWrite5m: get(p.CacheWrite5m, "cache_write_5m"),
		CacheWrite1h: get(p.CacheWrite1h, "cache_write_1h"),
		CacheRead:    get(p.CacheRead, "cache_read"),
	}
}

func (c *checker) batchDiscount(name string, m rawModel, at func(...any) []any) float64 {
	if m.BatchDiscount == nil || c.failedAt(at("batch_discount")...) {
		return 0
	}
	d := float64(*m.BatchDiscount)
	if d < 0 || d >= 1 {
		c.add(c.ix.line(at("batch_discount")...), "model %s: batch_discount must be at least 0 and below 1 (0.5 = half price), found %g", name, d)
		return 0
	}
	c.figure(figKey{"models", name, "batch_discount"}, strconv.FormatFloat(d, 'g', -1, 64), at("batch_discount")...)
	return d
}

func (c *checker) itpmCountsCacheReads(name string, m rawModel, at func(...any) []any) bool {
	v := m.ITPMCountsCacheReads != nil && bool(*m.ITPMCountsCacheReads)
	if m.ITPMCountsCacheReads != nil && !c.failedAt(at("itpm_counts_cache_reads")...) {
		c.figure(figKey{"models", name, "itpm_counts_cache_reads"}, strconv.FormatBool(v), at("itpm_counts_cache_reads")...)
	}
	return v
}

func (c *checker) longContext(name string, m rawModel, at func(...any) []any) *LongContext {
	lc := m.LongContext
	if lc == nil {
		return nil
	}
	out := &LongContext{Price: c.prices(lc.Price, "model "+name, "long_context.price_per_mtok", figKey{"models", name, "long_context", "price_per_mtok"}, at("long_context", "price_per_mtok")...)}
	c.required(lc.Threshold != nil, "long_context.threshold in model "+name, at("long_context", "threshold")...)
	if lc.Threshold != nil {
		line := c.ix.line(at("long_context", "threshold")...)
		switch {
		case c.failedAt(at("long_context", "threshold")...):
		case *lc.Threshold <= 0:
			c.add(line, "model %s: long_context threshold must be positive, found %d", name, *lc.Threshold)
		case m.ContextWindow != nil && int64(*lc.Threshold) >= int64(*m.ContextWindow):
			c.add(line, "model %s: long_context threshold %d is not below context_window %d, so it can never apply", name, *lc.Threshold, *m.ContextWindow)
		default:
			out.Threshold = int64(*lc.Threshold)
			c.figure(figKey{"models", name, "long_context", "threshold"}, GroupDigits(out.Threshold), at("long_context", "threshold")...)
		}
	}
	return out
}

func (c *checker) otpmAccounting(name string, m rawModel, at func(...any) []any) OTPMAccounting {
	c.required(m.OTPMAccounting != nil && *m.OTPMAccounting != "", "otpm_accounting (actual or reserve_max_tokens) in model "+name, at("otpm_accounting")...)
	if m.OTPMAccounting == nil {
		return ""
	}
	switch a := OTPMAccounting(*m.OTPMAccounting); a {
	case OTPMActual, OTPMReserveMaxTokens:
		c.figure(figKey{"models", name, "otpm_accounting"}, string(a), at("otpm_accounting")...)
		return a
	case "":
		return ""
	default:
		c.add(c.ix.line(at("otpm_accounting")...), "model %s: otpm_accounting must be actual or reserve_max_tokens, found %q", name, string(a))
		return ""
	}
}

// fast reads a model's fast mode: a complete price list and a pool of its
// own, which is not the model's standard pool (fast mode has its own
// limits).
func (c *checker) fast(name string, m rawModel, pools []string, at func(...any) []any) *Fast {
	f := m.Fast
	if f == nil {
		return nil
	}
	out := &Fast{Pool: f.Pool, Price: c.prices(f.Price, "model "+name, "fast.price_per_mtok", figKey{"models", name, "fast", "price_per_mtok"}, at("fast", "price_per_mtok")...)}
	c.required(f.Pool != "", "fast.pool (fast mode's own rate-limit pool) in model "+name, at("fast", "pool")...)
	if m.LongContext != nil {
		c.add(c.ix.line(at("fast")...), "model %s: fast mode with a long_context rule is not modelled (no source prices both together)", name)
	}
	switch {
	case f.Pool == "":
	case f.Pool == m.Pool:
		c.add(c.ix.line(at("fast", "pool")...), "model %s: fast.pool must differ from the model's pool %s (fast mode has limits of its own)", name, m.Pool)
	case !contains(pools, f.Pool):
		c.add(c.ix.line(at("fast", "pool")...), "model %s: fast pool %q is not in the pools list (%s)", name, f.Pool, strings.Join(pools, ", "))
	}
	return out
}

// poolsWithLimits refuses a model whose pool no tier gives limits to, unless
// an explicit pools: list declares that pool on purpose. Such a pool is almost
// always a typo (pool: sonnt-4), and without this check the table would load
// and every tier would then have nothing to say about the model.
func (c *checker) poolsWithLimits(r *rawTable, t *Table) {
	if !c.poolsKnown {
		return
	}
	var limited, unknown []string
	for _, tier := range t.Tiers {
		for p := range tier.Limits {
			if !contains(limited, p) {
				limited = append(limited, p)
			}
			if !contains(t.Pools, p) && !contains(unknown, p) {
				unknown = append(unknown, p)
			}
		}
	}
	if len(limited) == 0 {
		return // no tier has limits (plans only, or only negotiated tiers)
	}
	sort.Strings(limited)
	reported := map[string]bool{}
	for _, name := range c.modelOrder(r) {
		m := r.Models[name]
		check := []struct {
			pool string
			at   []any
		}{{m.Pool, []any{"models", name, "pool"}}}
		if m.Fast != nil {
			check = append(check, struct {
				pool string
				at   []any
			}{m.Fast.Pool, []any{"models", name, "fast", "pool"}})
		}
		for _, x := range check {
			pool := x.pool
			_, unpublished := r.UnknownLimits[pool]
			if pool == "" || reported[pool] || contains(limited, pool) || contains(r.Pools, pool) || unpublished {
				continue
			}
			reported[pool] = true
			if limitsTypoFor(pool, unknown, t.Pools) {
				continue // the misspelt limits key is reported at its own line
			}
			hint := "pools with limits: " + strings.Join(limited, ", ") + "; a pool whose limits are not published goes in unknown_limits"
			if s := closestKey(pool, limited); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			c.add(c.ix.line(x.at...), "model %s: no tier has limits for pool %q (%s)", name, pool, hint)
		}
	}
}

// limitsTypoFor reports whether some tier's limits name an unknown pool whose
// suggested correction is pool: the typo is on the tier side, already told.
func limitsTypoFor(pool string, unknown, pools []string) bool {
	for _, u := range unknown {
		if closestKey(u, pools) == pool {
			return true
		}
	}
	return false
}

// speed checks a model's answering speed: both figures, each positive and
// within what a real model does.
func (c *checker) speed(name string, m rawModel, at func(...any) []any) *Speed {
	sp := m.Speed
	if sp == nil {
		return nil
	}
	c.required(sp.FirstTokenS != nil, "speed.first_token_s in model "+name, at("speed", "first_token_s")...)
	c.required(sp.OutputPerSecond != nil, "speed.output_tokens_per_second in model "+name, at("speed", "output_tokens_per_second")...)
	if sp.FirstTokenS == nil || sp.OutputPerSecond == nil {
		return nil
	}
	if c.failedAt(at("speed", "first_token_s")...) || c.failedAt(at("speed", "output_tokens_per_second")...) {
		return nil
	}
	ok := true
	if ft := float64(*sp.FirstTokenS); !(ft >= 0 && ft <= 600) {
		c.add(c.ix.line(at("speed", "first_token_s")...), "model %s: speed.first_token_s must be 0 to 600 seconds, found %g", name, ft)
		ok = false
	}
	if v := float64(*sp.OutputPerSecond); !(v > 0 && v <= 100_000) {
		c.add(c.ix.line(at("speed", "output_tokens_per_second")...), "model %s: speed.output_tokens_per_second must be above 0 and at most 100,000, found %g", name, v)
		ok = false
	}
	if !ok {
		return nil
	}
	fig := figKey{"models", name, "speed"}
	c.figure(fig.add("first_token_s"), strconv.FormatFloat(float64(*sp.FirstTokenS), 'g', -1, 64), at("speed", "first_token_s")...)
	c.figure(fig.add("output_tokens_per_second"), strconv.FormatFloat(float64(*sp.OutputPerSecond), 'g', -1, 64), at("speed", "output_tokens_per_second")...)
	return &Speed{
		FirstToken:      time.Duration(float64(*sp.FirstTokenS) * float64(time.Second)),
		OutputPerSecond: float64(*sp.OutputPerSecond),
		Source:          c.provAt(at("speed")...).Source,
	}
}
