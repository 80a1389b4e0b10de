package cli

import (
	"github.com/tierplan/tierplan/tiers"
)

// The JSON (and YAML) shapes of the tiers commands: the tier table in the
// words of tiers.yaml, so a script can read either. Money is exact dollars.

type tableInfoJSON struct {
	Origin   string `json:"origin"`
	Provider string `json:"provider"`
	Title    string `json:"title,omitempty"`
	AsOf     string `json:"as_of"`
	Source   string `json:"source"`
}

type tablePricesJSON struct {
	Input        tiers.Money `json:"input"`
	Output       tiers.Money `json:"output"`
	CacheWrite5m tiers.Money `json:"cache_write_5m"`
	CacheWrite1h tiers.Money `json:"cache_write_1h"`
	CacheRead    tiers.Money `json:"cache_read"`
}

type tableLongContextJSON struct {
	Threshold int64           `json:"threshold"`
	Price     tablePricesJSON `json:"price_per_mtok"`
}

type tableModelJSON struct {
	Name                 string                `json:"name"`
	Match                []string              `json:"match"`
	Pool                 string                `json:"pool"`
	ContextWindow        int64                 `json:"context_window"`
	Price                tablePricesJSON       `json:"price_per_mtok"`
	BatchDiscount        float64               `json:"batch_discount"`
	LongContext          *tableLongContextJSON `json:"long_context"`
	ITPMCountsCacheReads bool                  `json:"itpm_counts_cache_reads"`
	OTPMAccounting       string                `json:"otpm_accounting"`
}

type tableLimitsJSON struct {
	RPM            int64 `json:"rpm,omitempty"`
	ITPM           int64 `json:"itpm,omitempty"`
	OTPM           int64 `json:"otpm,omitempty"`
	TPM            int64 `json:"tpm,omitempty"`
	TokensPerDay   int64 `json:"tokens_per_day,omitempty"`
	RequestsPerDay int64 `json:"requests_per_day,omitempty"`
}

type tableBatchJSON struct {
	RPM           int64 `json:"rpm,omitempty"`
	QueueRequests int64 `json:"queue_requests,omitempty"`
}

type tableTierJSON struct {
	Name            string                     `json:"name"`
	Reached         string                     `json:"reached,omitempty"`
	MonthlySpendCap *tiers.Money               `json:"monthly_spend_cap_usd"`
	Negotiated      bool                       `json:"negotiated"`
	Free            bool                       `json:"free"`
	Limits          map[string]tableLimitsJSON `json:"limits"`
	Batch           *tableBatchJSON            `json:"batch"`
}

type tableAllowanceJSON struct {
	Low      tiers.Money `json:"low_usd"`
	High     tiers.Money `json:"high_usd"`
	Estimate bool        `json:"estimate"`
	Source   string      `json:"source"`
	Basis    string      `json:"basis,omitempty"`
}

type tablePlanJSON struct {
	Name             string              `json:"name"`
	PriceMonthly     tiers.Money         `json:"price_monthly_usd"`
	SeatPriceMonthly *tiers.Money        `json:"seat_price_monthly_usd,omitempty"`
	Window5h         *tableAllowanceJSON `json:"window_5h"`
	Weekly           *tableAllowanceJSON `json:"weekly"`
	Counts           []string            `json:"counts"`
	Models           []string            `json:"models"`
}

func tableInfo(t *tiers.Table) tableInfoJSON {
	return tableInfoJSON{Origin: t.Origin, Provider: t.Provider, Title: t.Title,
		AsOf: t.AsOf.Format("2006-01-02"), Source: t.Source}
}

func pricesReport(p tiers.Prices) tablePricesJSON {
	return tablePricesJSON{p.Input, p.Output, p.CacheWrite5m, p.CacheWrite1h, p.CacheRead}
}

func modelReport(m tiers.Model) tableModelJSON {
	out := tableModelJSON{Name: m.Name, Match: m.Match, Pool: m.Pool, ContextWindow: m.ContextWindow,
		Price: pricesReport(m.Price), BatchDiscount: m.BatchDiscount,
		ITPMCountsCacheReads: m.ITPMCountsCacheReads, OTPMAccounting: string(m.OTPMAccounting)}
	if lc := m.LongContext; lc != nil {
		out.LongContext = &tableLongContextJSON{Threshold: lc.Threshold, Price: pricesReport(lc.Price)}
	}
	return out
}

func tierReport(t tiers.Tier) tableTierJSON {
	out := tableTierJSON{Name: t.Name, Reached: t.Reached, Negotiated: t.Negotiated, Free: t.Free,
		Limits: map[string]tableLimitsJSON{}}
	if t.HasSpendCap {
		c := t.MonthlySpendCap
		out.MonthlySpendCap = &c
	}
	for pool, l := range t.Limits {
		out.Limits[pool] = tableLimitsJSON(l)
	}
	if b := t.Batch; b != nil {
		out.Batch = &tableBatchJSON{RPM: b.RPM, QueueRequests: b.QueueRequests}
	}
	return out
}

func allowanceReport(a *tiers.Allowance) *tableAllowanceJSON {
	if a == nil {
		return nil
	}
	return &tableAllowanceJSON{Low: a.Low, High: a.High, Estimate: a.Estimate, Source: a.Source, Basis: a.Basis}
}

func planReport(p tiers.Plan) tablePlanJSON {
	out := tablePlanJSON{Name: p.Name, PriceMonthly: p.PriceMonthly, Window5h: allowanceReport(p.Window5h),
		Weekly: allowanceReport(p.Weekly), Models: p.Models}
	if p.SeatPriceMonthly != 0 {
		s := p.SeatPriceMonthly
		out.SeatPriceMonthly = &s
	}
	for _, k := range p.Counts {
		out.Counts = append(out.Counts, string(k))
	}
	if out.Models == nil {
		out.Models = []string{}
	}
	return out
}
