package usage

import "github.com/tierplan/tierplan/tiers"

// pricer looks up models in the tier table once per model id.
type pricer struct {
	table *tiers.Table
	cache map[string]*tiers.Model // nil value: not in the table
}

func newPricer(t *tiers.Table) *pricer {
	return &pricer{table: t, cache: map[string]*tiers.Model{}}
}

// model returns the table's model for a logged id.
func (p *pricer) model(id string) (*tiers.Model, bool) {
	m, ok := p.cache[id]
	if !ok {
		if found, hit := p.table.MatchModel(id); hit {
			m = &found
		}
		p.cache[id] = m
	}
	return m, m != nil
}

// longContext reports whether a request is billed at the model's
// long-context rate: Anthropic bills every token of a request whose input
// (uncached + cache write + cache read) exceeds the threshold at the premium
// rate, not only the tokens above it.
func (p *pricer) longContext(e *Entry) bool {
	m, ok := p.model(e.Model)
	return ok && m.LongContext != nil && e.Tokens.Context() > m.LongContext.Threshold
}

// priceGroup is a set of tokens that share one price: one model id, at its
// standard or its long-context rate.
type priceGroup struct {
	model string
	long  bool
}

// bill accumulates token counts per price group; cost prices each group
// once, so rounding happens once per group, not per request.
type bill map[priceGroup]*Tokens

func (b bill) add(g priceGroup, t Tokens) {
	acc := b[g]
	if acc == nil {
		acc = &Tokens{}
		b[g] = acc
	}
	acc.Add(t)
}

// cost prices the bill. Tokens of models the table does not know are
// returned as unpriced, never priced at $0.
func (b bill) cost(p *pricer) (cost tiers.Money, unpriced int64) {
	for g, t := range b {
		m, ok := p.model(g.model)
		if !ok {
			unpriced += t.Total()
			continue
		}
		price := m.Price
		if g.long && m.LongContext != nil {
			price = m.LongContext.Price
		}
		cost += priceTokens(price, *t)
	}
	return cost, unpriced
}

// priceTokens is the list-price cost of tokens: each kind at its own price
// per million tokens, 5-minute and 1-hour cache writes apart.
func priceTokens(price tiers.Prices, t Tokens) tiers.Money {
	return price.Input.CostOf(t.Input) +
		price.Output.CostOf(t.Output) +
		price.CacheWrite5m.CostOf(t.CacheWrite5m) +
		price.CacheWrite1h.CostOf(t.CacheWrite1h) +
		price.CacheRead.CostOf(t.CacheRead)
}
