package shared

import (
	"github.com/tierplan/tierplan/tiers"
)

// The JSON (and YAML) shapes of the tiers commands: the tier table in the
// words of tiers.yaml, so a script can read either. Money is exact dollars.

// TableInfoJSON says which table a report is about.
type TableInfoJSON struct {
	Origin   string `json:"origin"`
	Provider string `json:"provider"`
	Title    string `json:"title,omitempty"`
	AsOf     string `json:"as_of"`
	Source   string `json:"source"`
}

// TablePricesJSON is a price list in dollars per million tokens.
type TablePricesJSON struct {
	Input        tiers.Money `json:"input"`
	Output       tiers.Money `json:"output"`
	CacheWrite5m tiers.Money `json:"cache_write_5m"`
	CacheWrite1h tiers.Money `json:"cache_write_1h"`
	CacheRead    tiers.Money `json:"cache_read"`
}

// TableLongContextJSON is a model's long-context rule.
type TableLongContextJSON struct {
	Threshold int64           `json:"threshold"`
	Price     TablePricesJSON `json:"price_per_mtok"`
}

// TableFastJSON is a model's fast mode.
type TableFastJSON struct {
	Pool  string          `json:"pool"`
	Price TablePricesJSON `json:"price_per_mtok"`
}

// FigureJSON is one figure with its provenance.
type FigureJSON struct {
	Path       string `json:"path"`
	Value      string `json:"value"`
	Line       int    `json:"line"`
	Source     string `json:"source"`
	AsOf       string `json:"as_of"`
	Confidence string `json:"confidence"`
}

// FiguresReport is figs in the report's words.
func FiguresReport(figs []tiers.Figure) []FigureJSON {
	out := []FigureJSON{}
	for _, f := range figs {
		out = append(out, FigureJSON{f.Path, f.Value, f.Line, f.Source, f.AsOfText(), string(f.Confidence)})
	}
	return out
}

// TableModelJSON is one model.
type TableModelJSON struct {
	Name                 string                `json:"name"`
	Match                []string              `json:"match"`
	Pool                 string                `json:"pool"`
	ContextWindow        int64                 `json:"context_window"`
	Price                TablePricesJSON       `json:"price_per_mtok"`
	BatchDiscount        float64               `json:"batch_discount"`
	LongContext          *TableLongContextJSON `json:"long_context"`
	ITPMCountsCacheReads bool                  `json:"itpm_counts_cache_reads"`
	OTPMAccounting       string                `json:"otpm_accounting"`
	Fast                 *TableFastJSON        `json:"fast,omitempty"`
}

// TableLimitsJSON are one pool's limits on a tier; zero limits are left out.
type TableLimitsJSON struct {
	RPM            int64 `json:"rpm,omitempty"`
	ITPM           int64 `json:"itpm,omitempty"`
	OTPM           int64 `json:"otpm,omitempty"`
	TPM            int64 `json:"tpm,omitempty"`
	TokensPerDay   int64 `json:"tokens_per_day,omitempty"`
	RequestsPerDay int64 `json:"requests_per_day,omitempty"`
}

// TableBatchJSON are a tier's Batch API limits.
type TableBatchJSON struct {
	RPM           int64 `json:"rpm,omitempty"`
	QueueRequests int64 `json:"queue_requests,omitempty"`
}

// TableTierJSON is one API tier.
type TableTierJSON struct {
	Name            string                     `json:"name"`
	Reached         string                     `json:"reached,omitempty"`
	MonthlySpendCap *tiers.Money               `json:"monthly_spend_cap_usd"`
	Negotiated      bool                       `json:"negotiated"`
	Free            bool                       `json:"free"`
	Limits          map[string]TableLimitsJSON `json:"limits"`
	Batch           *TableBatchJSON            `json:"batch"`
}

// TableAllowanceJSON is a plan's allowance, in API-equivalent dollars.
type TableAllowanceJSON struct {
	Low      tiers.Money `json:"low_usd"`
	High     tiers.Money `json:"high_usd"`
	Estimate bool        `json:"estimate"`
	Source   string      `json:"source"`
	Basis    string      `json:"basis,omitempty"`
}

// TableCreditsJSON are a plan's monthly API credits.
type TableCreditsJSON struct {
	Monthly tiers.Money  `json:"monthly_usd"`
	PerSeat bool         `json:"per_seat"`
	Cap     *tiers.Money `json:"cap_usd,omitempty"`
}

// TableMeterJSON is a plan's own weekly meter.
type TableMeterJSON struct {
	Name          string   `json:"name"`
	Models        []string `json:"models"`
	ShareOfWeekly float64  `json:"share_of_weekly"`
}

// TablePlanJSON is one subscription plan.
type TablePlanJSON struct {
	Name             string              `json:"name"`
	Aliases          []string            `json:"aliases,omitempty"`
	PriceMonthly     tiers.Money         `json:"price_monthly_usd"`
	SeatPriceMonthly *tiers.Money        `json:"seat_price_monthly_usd,omitempty"`
	Window5h         *TableAllowanceJSON `json:"window_5h"`
	Weekly           *TableAllowanceJSON `json:"weekly"`
	AllowanceUnknown string              `json:"allowance_unknown,omitempty"`
	WeeklyMeters     []TableMeterJSON    `json:"weekly_meters,omitempty"`
	APICredits       *TableCreditsJSON   `json:"api_credits,omitempty"`
	Counts           []string            `json:"counts"`
	Models           []string            `json:"models"`
	ExcludedModels   []string            `json:"excluded_models,omitempty"`
}

// TableInfo is t's origin, provider, title, date and source.
func TableInfo(t *tiers.Table) TableInfoJSON {
	return TableInfoJSON{Origin: t.Origin, Provider: t.Provider, Title: t.Title,
		AsOf: t.AsOf.Format("2006-01-02"), Source: t.Source}
}

// PricesReport is p in the report's words.
func PricesReport(p tiers.Prices) TablePricesJSON {
	return TablePricesJSON{p.Input, p.Output, p.CacheWrite5m, p.CacheWrite1h, p.CacheRead}
}

// ModelReport is m in the report's words.
func ModelReport(m tiers.Model) TableModelJSON {
	out := TableModelJSON{Name: m.Name, Match: m.Match, Pool: m.Pool, ContextWindow: m.ContextWindow,
		Price: PricesReport(m.Price), BatchDiscount: m.BatchDiscount,
		ITPMCountsCacheReads: m.ITPMCountsCacheReads, OTPMAccounting: string(m.OTPMAccounting)}
	if lc := m.LongContext; lc != nil {
		out.LongContext = &TableLongContextJSON{Threshold: lc.Threshold, Price: PricesReport(lc.Price)}
	}
	if f := m.Fast; f != nil {
		out.Fast = &TableFastJSON{Pool: f.Pool, Price: PricesReport(f.Price)}
	}
	return out
}

// TierReport is t in the report's words; no spend cap is null.
func TierReport(t tiers.Tier) TableTierJSON {
	out := TableTierJSON{Name: t.Name, Reached: t.Reached, Negotiated: t.Negotiated, Free: t.Free,
		Limits: map[string]TableLimitsJSON{}}
	if t.HasSpendCap {
		c := t.MonthlySpendCap
		out.MonthlySpendCap = &c
	}
	for pool, l := range t.Limits {
		out.Limits[pool] = TableLimitsJSON(l)
	}
	if b := t.Batch; b != nil {
		out.Batch = &TableBatchJSON{RPM: b.RPM, QueueRequests: b.QueueRequests}
	}
	return out
}

// AllowanceReport is a in the report's words; nil stays nil.
func AllowanceReport(a *tiers.Allowance) *TableAllowanceJSON {
	if a == nil {
		return nil
	}
	return &TableAllowanceJSON{Low: a.Low, High: a.High, Estimate: a.Estimate, Source: a.Source, Basis: a.Basis}
}

// PlanReport is p in the report's words; models is [] for all.
func PlanReport(p tiers.Plan) TablePlanJSON {
	out := TablePlanJSON{Name: p.Name, Aliases: p.Aliases, PriceMonthly: p.PriceMonthly, Window5h: AllowanceReport(p.Window5h),
		Weekly: AllowanceReport(p.Weekly), AllowanceUnknown: p.AllowanceUnknown, Models: p.Models, ExcludedModels: p.ExcludedModels}
	for _, m := range p.WeeklyMeters {
		out.WeeklyMeters = append(out.WeeklyMeters, TableMeterJSON{m.Name, m.Models, m.ShareOfWeekly})
	}
	if c := p.APICredits; c != nil {
		out.APICredits = &TableCreditsJSON{Monthly: c.Monthly, PerSeat: c.PerSeat}
		if c.Cap > 0 {
			cp := c.Cap
			out.APICredits.Cap = &cp
		}
	}
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
