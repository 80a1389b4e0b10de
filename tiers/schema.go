package tiers

// The raw* types mirror tiers.yaml schema v1 key for key. They are plain
// structs on purpose: yaml.v3 only rejects unknown keys (KnownFields) while it
// decodes into plain structs, and a custom UnmarshalYAML on any mapping type
// would silently switch that check off for everything below it. Only leaf
// scalars (count, usd, date) have their own decoders. Semantic checks and the
// conversion to the public types live in validate.go.

type rawTable struct {
	SchemaVersion *int                `yaml:"schema_version"`
	Provider      string              `yaml:"provider"`
	Title         string              `yaml:"title"`
	AsOf          *date               `yaml:"as_of"`
	Source        string              `yaml:"source"`
	Models        map[string]rawModel `yaml:"models"`
	Pools         []string            `yaml:"pools"`
	Tiers         []rawTier           `yaml:"tiers"`
	Plans         []rawPlan           `yaml:"plans"`
}

type rawModel struct {
	Match                []string        `yaml:"match"`
	Pool                 string          `yaml:"pool"`
	ContextWindow        *count          `yaml:"context_window"`
	Price                *rawPrices      `yaml:"price_per_mtok"`
	BatchDiscount        *float64        `yaml:"batch_discount"`
	LongContext          *rawLongContext `yaml:"long_context"`
	ITPMCountsCacheReads bool            `yaml:"itpm_counts_cache_reads"`
	OTPMAccounting       string          `yaml:"otpm_accounting"`
	Speed                *rawSpeed       `yaml:"speed"`
}

type rawSpeed struct {
	FirstTokenS     *float64 `yaml:"first_token_s"`
	OutputPerSecond *float64 `yaml:"output_tokens_per_second"`
	Source          string   `yaml:"source"`
}

type rawPrices struct {
	Input        *usd `yaml:"input"`
	Output       *usd `yaml:"output"`
	CacheWrite5m *usd `yaml:"cache_write_5m"`
	CacheWrite1h *usd `yaml:"cache_write_1h"`
	CacheRead    *usd `yaml:"cache_read"`
}

type rawLongContext struct {
	Threshold *count     `yaml:"threshold"`
	Price     *rawPrices `yaml:"price_per_mtok"`
}

type rawTier struct {
	Name            string               `yaml:"name"`
	Reached         string               `yaml:"reached"`
	MonthlySpendCap *usd                 `yaml:"monthly_spend_cap"`
	Negotiated      bool                 `yaml:"negotiated"`
	Free            bool                 `yaml:"free"`
	Limits          map[string]rawLimits `yaml:"limits"`
	Batch           *rawBatch            `yaml:"batch"`
}

type rawLimits struct {
	RPM            *count `yaml:"rpm"`
	ITPM           *count `yaml:"itpm"`
	OTPM           *count `yaml:"otpm"`
	TPM            *count `yaml:"tpm"`
	TokensPerDay   *count `yaml:"tokens_per_day"`
	RequestsPerDay *count `yaml:"requests_per_day"`
}

type rawBatch struct {
	RPM           *count `yaml:"rpm"`
	QueueRequests *count `yaml:"queue_requests"`
}

type rawPlan struct {
	Name             string        `yaml:"name"`
	PriceMonthly     *usd          `yaml:"price_monthly"`
	SeatPriceMonthly *usd          `yaml:"seat_price_monthly"`
	Window5h         *rawAllowance `yaml:"window_5h"`
	Weekly           *rawAllowance `yaml:"weekly"`
	Counts           []string      `yaml:"counts"`
	Models           []string      `yaml:"models"`
}

type rawAllowance struct {
	USDEquivalent *rawRange `yaml:"usd_equivalent"`
	Estimate      bool      `yaml:"estimate"`
	Source        string    `yaml:"source"`
	Basis         string    `yaml:"basis"`
}

type rawRange struct {
	Low  *usd `yaml:"low"`
	High *usd `yaml:"high"`
}

// rawTypeNames names each mapping type in messages about unknown keys, so a
// user reads "unknown key in a tier", not a Go type name.
var rawTypeNames = map[string]string{
	"tiers.rawTable":       "the table",
	"tiers.rawModel":       "a model",
	"tiers.rawPrices":      "price_per_mtok",
	"tiers.rawLongContext": "long_context",
	"tiers.rawTier":        "a tier",
	"tiers.rawLimits":      "a pool's limits",
	"tiers.rawBatch":       "batch",
	"tiers.rawPlan":        "a plan",
	"tiers.rawAllowance":   "an allowance",
	"tiers.rawRange":       "usd_equivalent",
	"tiers.rawSpeed":       "speed",
}
