package usage

import "github.com/tierplan/tierplan/tiers"

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
