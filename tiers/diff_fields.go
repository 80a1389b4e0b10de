package tiers

import (
	"fmt"
	"strconv"
	"strings"
)

// The flatteners below name each field by its key in tiers.yaml, so a user
// reading a diff knows which line to look at.

func tableFields(t *Table) fields {
	fs := fields{{"provider", t.Provider}, {"title", t.Title}, {"source", t.Source}}
	if !t.AsOf.IsZero() {
		fs = append(fs, field{"as_of", t.AsOf.Format("2006-01-02")})
	}
	for _, p := range t.Pools {
		if why, ok := t.UnknownLimits[p]; ok {
			fs = append(fs, field{"unknown_limits." + p, why})
		}
	}
	return nonEmpty(fs)
}

func fastFields(f Fast) fields {
	return append(fields{{"fast.pool", f.Pool}}, prefixed("fast.price_per_mtok", priceFields(f.Price))...)
}

func fastSummary(f *Fast) string {
	if f == nil {
		return "none"
	}
	return fmt.Sprintf("pool %s, %s in / %s out per MTok", f.Pool, f.Price.Input.Exact(), f.Price.Output.Exact())
}

func modelFields(m Model) fields {
	fs := fields{
		{"match", strings.Join(m.Match, ", ")},
		{"pool", m.Pool},
		{"context_window", GroupDigits(m.ContextWindow)},
	}
	fs = append(fs, prefixed("price_per_mtok", priceFields(m.Price))...)
	if m.BatchDiscount != 0 {
		fs = append(fs, field{"batch_discount", strconv.FormatFloat(m.BatchDiscount, 'g', -1, 64)})
	}
	fs = append(fs, field{"itpm_counts_cache_reads", formatBool(m.ITPMCountsCacheReads)},
		field{"otpm_accounting", string(m.OTPMAccounting)})
	if m.Speed != nil {
		fs = append(fs, field{"speed.first_token_s", strconv.FormatFloat(m.Speed.FirstToken.Seconds(), 'g', -1, 64)},
			field{"speed.output_tokens_per_second", strconv.FormatFloat(m.Speed.OutputPerSecond, 'g', -1, 64)})
	}
	return nonEmpty(fs)
}

func longContextFields(lc LongContext) fields {
	return append(fields{{"long_context.threshold", GroupDigits(lc.Threshold)}},
		prefixed("long_context.price_per_mtok", priceFields(lc.Price))...)
}

func longContextSummary(lc *LongContext) string {
	if lc == nil {
		return "none"
	}
	return fmt.Sprintf("past %s input tokens: %s in / %s out per MTok", GroupDigits(lc.Threshold),
		lc.Price.Input.Exact(), lc.Price.Output.Exact())
}

func priceFields(p Prices) fields {
	return fields{
		{"input", p.Input.Exact()},
		{"output", p.Output.Exact()},
		{"cache_write_5m", p.CacheWrite5m.Exact()},
		{"cache_write_1h", p.CacheWrite1h.Exact()},
		{"cache_read", p.CacheRead.Exact()},
	}
}

func tierFields(t Tier) fields {
	fs := fields{{"reached", t.Reached}}
	if t.HasSpendCap {
		fs = append(fs, field{"monthly_spend_cap", t.MonthlySpendCap.Exact()})
	}
	fs = append(fs, field{"negotiated", formatBool(t.Negotiated)}, field{"free", formatBool(t.Free)})
	if b := t.Batch; b != nil {
		fs = append(fs, field{"batch.rpm", countOrNone(b.RPM)}, field{"batch.queue_requests", countOrNone(b.QueueRequests)})
	}
	return nonEmpty(fs)
}

// limitFields lists the limits a pool has; absent ones are left out and so
// read as "none" in a diff.
func limitFields(l Limits) fields {
	all := fields{
		{"rpm", countOrNone(l.RPM)}, {"itpm", countOrNone(l.ITPM)}, {"otpm", countOrNone(l.OTPM)},
		{"tpm", countOrNone(l.TPM)}, {"tokens_per_day", countOrNone(l.TokensPerDay)},
		{"requests_per_day", countOrNone(l.RequestsPerDay)},
	}
	var fs fields
	for _, f := range all {
		if f.value != "none" {
			fs = append(fs, f)
		}
	}
	return fs
}

func planFields(p Plan) fields {
	fs := fields{{"aliases", strings.Join(p.Aliases, ", ")}}
	if p.PriceMonthly != 0 {
		fs = append(fs, field{"price_monthly", p.PriceMonthly.Exact()})
	}
	if p.SeatPriceMonthly != 0 {
		fs = append(fs, field{"seat_price_monthly", p.SeatPriceMonthly.Exact()})
	}
	if c := p.APICredits; c != nil {
		fs = append(fs, field{"api_credits", creditsSummary(*c)})
	}
	fs = append(fs, field{"allowance_unknown", p.AllowanceUnknown})
	for _, m := range p.WeeklyMeters {
		fs = append(fs, field{"weekly_meters." + m.Name, fmt.Sprintf("%s of weekly for %s",
			strconv.FormatFloat(m.ShareOfWeekly, 'g', -1, 64), strings.Join(m.Models, ", "))})
	}
	for _, w := range []struct {
		key string
		a   *Allowance
	}{{"window_5h", p.Window5h}, {"weekly", p.Weekly}} {
		if w.a == nil {
			continue
		}
		fs = append(fs, prefixed(w.key, fields{
			{"low", w.a.Low.Exact()}, {"high", w.a.High.Exact()},
			{"estimate", formatBool(w.a.Estimate)}, {"source", w.a.Source}, {"basis", w.a.Basis},
		})...)
	}
	models := "all"
	if len(p.Models) > 0 {
		models = strings.Join(p.Models, ", ")
	}
	fs = append(fs, field{"counts", strings.Join(kindStrings(p.Counts), ", ")}, field{"models", models},
		field{"excluded_models", strings.Join(p.ExcludedModels, ", ")})
	return nonEmpty(fs)
}

// creditsSummary is "$100/month" or "$20/month per seat, at most $500".
func creditsSummary(c APICredits) string {
	s := c.Monthly.Exact() + "/month"
	if c.PerSeat {
		s += " per seat"
	}
	if c.Cap > 0 {
		s += ", at most " + c.Cap.Exact()
	}
	return s
}

// nonEmpty drops fields with no value, so an absent title or basis reads
// as "none" against a present one.
func nonEmpty(fs fields) fields {
	var out fields
	for _, f := range fs {
		if f.value != "" {
			out = append(out, f)
		}
	}
	return out
}

func countOrNone(n int64) string {
	if n == 0 {
		return "none"
	}
	return GroupDigits(n)
}

// The summaries describe a whole model, tier, plan or pool's limits in one
// line, for what was added or removed.

func modelSummary(m Model) string {
	return fmt.Sprintf("pool %s, %s in / %s out per MTok", m.Pool, m.Price.Input.Exact(), m.Price.Output.Exact())
}

func tierSummary(t Tier) string {
	var parts []string
	switch {
	case t.Negotiated:
		parts = append(parts, "negotiated limits")
	case t.Free:
		parts = append(parts, "free")
	}
	if t.HasSpendCap {
		parts = append(parts, "cap "+t.MonthlySpendCap.Exact()+"/month")
	}
	switch n := len(t.Limits); n {
	case 0:
	case 1:
		parts = append(parts, "limits for 1 pool")
	default:
		parts = append(parts, fmt.Sprintf("limits for %d pools", n))
	}
	return strings.Join(parts, ", ")
}

func planSummary(p Plan) string {
	if p.PriceMonthly == 0 {
		return p.SeatPriceMonthly.Exact() + "/month per seat"
	}
	return p.PriceMonthly.Exact() + "/month"
}

// limitsSummary is one pool's limits: "rpm 1,000, itpm 2,000,000, otpm 400,000".
func limitsSummary(l Limits) string {
	var parts []string
	for _, f := range limitFields(l) {
		parts = append(parts, f.key+" "+f.value)
	}
	return strings.Join(parts, ", ")
}

// diffFast reports fast mode added or removed as one change, and otherwise
// its pool or each price that changed.
func diffFast(model string, a, b Model) []Change {
	switch {
	case a.Fast == nil && b.Fast == nil:
		return nil
	case a.Fast == nil || b.Fast == nil:
		return []Change{{Changed, "model", model, "fast", fastSummary(a.Fast), fastSummary(b.Fast)}}
	}
	return diffFields("model", model, fastFields(*a.Fast), fastFields(*b.Fast))
}

// confidenceChanges reports, for one item, the figures both tables have
// whose confidence changed, one change per old → new pair.
func confidenceChanges[T any](a, b *Table, section string) func(string, T, T) []Change {
	return func(name string, _, _ T) []Change {
		prefix := []string{section, name}
		old := map[string]Confidence{}
		for _, f := range a.FiguresUnder(prefix) {
			old[f.Path] = f.Confidence
		}
		type pair struct{ from, to Confidence }
		var order []pair
		paths := map[pair][]string{}
		for _, f := range b.FiguresUnder(prefix) {
			was, ok := old[f.Path]
			if !ok || was == f.Confidence {
				continue
			}
			p := pair{was, f.Confidence}
			if _, seen := paths[p]; !seen {
				order = append(order, p)
			}
			paths[p] = append(paths[p], f.Path)
		}
		var out []Change
		for _, p := range order {
			out = append(out, Change{Changed, section[:len(section)-1], name,
				"confidence of " + CompactPaths(paths[p], section+"."+name+"."), string(p.from), string(p.to)})
		}
		return out
	}
}
