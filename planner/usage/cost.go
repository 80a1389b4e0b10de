package usage

import "github.com/tierplan/tierplan/tiers"

// pricer looks up models in the tier table once per model id, and numbers
// the ids it has seen, so a report accumulates per model in slices, not
// maps.
type pricer struct {
	table *tiers.Table
	index map[string]int
	names []string
	found []*tiers.Model // by index; nil: not in the table
	// last is the id looked up last: entries in time order mostly repeat
	// it, and an interned string compares equal at once.
	last      string
	lastIndex int
}

func newPricer(t *tiers.Table) *pricer {
	return &pricer{table: t, index: map[string]int{}}
}

// indexOf returns the number of a logged model id.
func (p *pricer) indexOf(id string) int {
	if id == p.last && len(p.names) > 0 {
		return p.lastIndex
	}
	if i, ok := p.index[id]; ok {
		p.last, p.lastIndex = id, i
		return i
	}
	var m *tiers.Model
	if found, hit := p.table.MatchModel(id); hit {
		m = &found
	}
	i := len(p.names)
	p.index[id] = i
	p.names = append(p.names, id)
	p.found = append(p.found, m)
	return i
}

// model returns the table's model for a logged id.
func (p *pricer) model(id string) (*tiers.Model, bool) {
	m := p.found[p.indexOf(id)]
	return m, m != nil
}

// longContext reports whether a request of model number mi is billed at
// the model's long-context rate: Anthropic bills every token of a request
// whose input (uncached + cache write + cache read) exceeds the threshold
// at the premium rate, not only the tokens above it.
func (p *pricer) longContext(mi int, e *Entry) bool {
	m := p.found[mi]
	return m != nil && m.LongContext != nil && e.Tokens.Context() > m.LongContext.Threshold
}

// modelBill is the tokens of one model at its standard and at its
// long-context rate: each priced once, so rounding happens once per rate
// and model, not per request.
type modelBill struct {
	used      bool
	std, long Tokens
}

// bill accumulates token counts per model number.
type bill []modelBill

func (b *bill) add(mi int, long bool, t Tokens) {
	for len(*b) <= mi {
		*b = append(*b, modelBill{})
	}
	mb := &(*b)[mi]
	mb.used = true
	if long {
		mb.long.Add(t)
	} else {
		mb.std.Add(t)
	}
}

// cost prices the bill. Tokens of models the table does not know are
// returned as unpriced, never priced at $0.
func (b bill) cost(p *pricer) (cost tiers.Money, unpriced int64) {
	for mi, mb := range b {
		if !mb.used {
			continue
		}
		m := p.found[mi]
		if m == nil {
			unpriced = addSat(unpriced, addSat(mb.std.Total(), mb.long.Total()))
			continue
		}
		cost = addMoneySat(cost, priceTokens(m.Price, mb.std))
		if m.LongContext != nil {
			cost = addMoneySat(cost, priceTokens(m.LongContext.Price, mb.long))
		}
	}
	return cost, unpriced
}

// priceTokens is the list-price cost of tokens: each kind at its own price
// per million tokens, 5-minute and 1-hour cache writes apart.
func priceTokens(price tiers.Prices, t Tokens) tiers.Money {
	c := price.Input.CostOf(t.Input)
	c = addMoneySat(c, price.Output.CostOf(t.Output))
	c = addMoneySat(c, price.CacheWrite5m.CostOf(t.CacheWrite5m))
	c = addMoneySat(c, price.CacheWrite1h.CostOf(t.CacheWrite1h))
	return addMoneySat(c, price.CacheRead.CostOf(t.CacheRead))
}

// CallCost is the list-price cost of one API call of a model id, with the
// long-context rule applied as reports apply it; ok is false when the tier
// table does not know the model (the call is then not priced, never priced
// at $0). The team proxy charges budgets with it, so a budget and the usage
// report agree to the micro-dollar.
func CallCost(t *tiers.Table, model string, tok Tokens) (cost tiers.Money, ok bool) {
	p := newPricer(t)
	mi := p.indexOf(model)
	m := p.found[mi]
	if m == nil {
		return 0, false
	}
	price := m.Price
	if p.longContext(mi, &Entry{Model: model, Tokens: tok}) {
		price = m.LongContext.Price
	}
	return priceTokens(price, tok), true
}
