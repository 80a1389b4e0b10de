package tiers

// The raw* types mirror tiers.yaml schema v1 key for key. They are plain
// structs on purpose: yaml.v3 only rejects unknown keys (KnownFields) while it
// decodes into plain structs, and a custom UnmarshalYAML on any mapping type
// would silently switch that check off for everything below it. Only leaf
// scalars (count, usd, decimal, flag, word, date) have their own decoders; a
// leaf may also be written as {value, source, as_of, confidence}. Semantic
// checks and the conversion to the public types live in validate*.go.

// rawProv is the provenance any block may carry; it is inlined into each
// block so strict decoding accepts the keys. The values themselves are read
// from the document tree (provenance.go), where every level is known.
type rawProv struct {
	Source     string `yaml:"source"`
	AsOf       *date  `yaml:"as_of"`
	Confidence string `yaml:"confidence"`
}

type rawTable struct {
	SchemaVersion *int                 `yaml:"schema_version"`
	Provider      string               `yaml:"provider"`
	Title         string               `yaml:"title"`
	Prov          rawProv              `yaml:",inline"`
	Sources       map[string]rawSource `yaml:"sources"`
	Models        map[string]rawModel  `yaml:"models"`
	Pools         []string             `yaml:"pools"`
	UnknownLimits map[string]string    `yaml:"unknown_limits"`
	Tiers         []rawTier            `yaml:"tiers"`
	Plans         []rawPlan            `yaml:"plans"`
}

// rawSource is a named source: figures write `source: KEY` to take its text,
// date and confidence.
type rawSource struct {
	Prov rawProv `yaml:",inline"`
}

type rawModel struct {
	Match                []string        `yaml:"match"`
	Pool                 string          `yaml:"pool"`
	Prov                 rawProv         `yaml:",inline"`
	ContextWindow        *count          `yaml:"context_window"`
	Price                *rawPrices      `yaml:"price_per_mtok"`
	BatchDiscount        *decimal        `yaml:"batch_discount"`
	LongContext          *rawLongContext `yaml:"long_context"`
	Fast                 *rawFast        `yaml:"fast"`
	ITPMCountsCacheReads *flag           `yaml:"itpm_counts_cache_reads"`
	OTPMAccounting       *word           `yaml:"otpm_accounting"`
	Speed                *rawSpeed       `yaml:"speed"`
}

type rawSpeed struct {
	FirstTokenS     *decimal `yaml:"first_token_s"`
	OutputPerSecond *decimal `yaml:"output_tokens_per_second"`
	Prov            rawProv  `yaml:",inline"`
}

type rawPrices struct {
	Input        *usd    `yaml:"input"`
	Output       *usd    `yaml:"output"`
	CacheWrite5m *usd    `yaml:"cache_write_5m"`
	CacheWrite1h *usd    `yaml:"cache_write_1h"`
	CacheRead    *usd    `yaml:"cache_read"`
	Prov         rawProv `yaml:",inline"`
}

type rawLongContext struct {
	Threshold *count     `yaml:"threshold"`
	Price     *rawPrices `yaml:"price_per_mtok"`
	Prov      rawProv    `yaml:",inline"`
}

// rawFast is a model's fast mode: its own prices and its own rate-limit pool.
type rawFast struct {
	Pool  string     `yaml:"pool"`
	Price *rawPrices `yaml:"price_per_mtok"`
	Prov  rawProv    `yaml:",inline"`
}

type rawTier struct {
	Name            string               `yaml:"name"`
	Reached         string               `yaml:"reached"`
	Prov            rawProv              `yaml:",inline"`
	MonthlySpendCap *usd                 `yaml:"monthly_spend_cap"`
	Negotiated      bool                 `yaml:"negotiated"`
	Free            bool                 `yaml:"free"`
	Limits          map[string]rawLimits `yaml:"limits"`
	Batch           *rawBatch            `yaml:"batch"`
}

type rawLimits struct {
	RPM            *count  `yaml:"rpm"`
	ITPM           *count  `yaml:"itpm"`
	OTPM           *count  `yaml:"otpm"`
	TPM            *count  `yaml:"tpm"`
	TokensPerDay   *count  `yaml:"tokens_per_day"`
	RequestsPerDay *count  `yaml:"requests_per_day"`
	Prov           rawProv `yaml:",inline"`
}

type rawBatch struct {
	RPM           *count  `yaml:"rpm"`
	QueueRequests *count  `yaml:"queue_requests"`
	Prov          rawProv `yaml:",inline"`
}

type rawPlan struct {
	Name             string        `yaml:"name"`
	Aliases          []string      `yaml:"aliases"`
	Prov             rawProv       `yaml:",inline"`
	PriceMonthly     *usd          `yaml:"price_monthly"`
	SeatPriceMonthly *usd          `yaml:"seat_price_monthly"`
	Window5h         *rawAllowance `yaml:"window_5h"`
	Weekly           *rawAllowance `yaml:"weekly"`
	AllowanceUnknown string        `yaml:"allowance_unknown"`
	WeeklyMeters     []rawMeter    `yaml:"weekly_meters"`
	APICredits       *rawCredits   `yaml:"api_credits"`
	Counts           []string      `yaml:"counts"`
	Models           []string      `yaml:"models"`
	ExcludedModels   []string      `yaml:"excluded_models"`
}

type rawAllowance struct {
	USDEquivalent *rawRange `yaml:"usd_equivalent"`
	Estimate      bool      `yaml:"estimate"`
	Prov          rawProv   `yaml:",inline"`
	Basis         string    `yaml:"basis"`
}

type rawRange struct {
	Low  *usd    `yaml:"low"`
	High *usd    `yaml:"high"`
	Prov rawProv `yaml:",inline"`
}

// rawMeter is a weekly meter of its own for some models (Fable on Max),
// allowed a share of the plan's weekly allowance.
type rawMeter struct {
	Name          string   `yaml:"name"`
	Models        []string `yaml:"models"`
	ShareOfWeekly *decimal `yaml:"share_of_weekly"`
	Prov          rawProv  `yaml:",inline"`
}

// rawCredits are a subscription's monthly API credits.
type rawCredits struct {
	Monthly *usd    `yaml:"monthly"`
	PerSeat bool    `yaml:"per_seat"`
	Cap     *usd    `yaml:"cap"`
	Prov    rawProv `yaml:",inline"`
}

// rawTypeNames names each mapping type in messages about unknown keys, so a
// user reads "unknown key in a tier", not a Go type name.
var rawTypeNames = map[string]string{
	"tiers.rawTable":       "the table",
	"tiers.rawSource":      "a source",
	"tiers.rawModel":       "a model",
	"tiers.rawPrices":      "price_per_mtok",
	"tiers.rawLongContext": "long_context",
	"tiers.rawFast":        "fast",
	"tiers.rawTier":        "a tier",
	"tiers.rawLimits":      "a pool's limits",
	"tiers.rawBatch":       "batch",
	"tiers.rawPlan":        "a plan",
	"tiers.rawAllowance":   "an allowance",
	"tiers.rawRange":       "usd_equivalent",
	"tiers.rawSpeed":       "speed",
	"tiers.rawMeter":       "a weekly meter",
	"tiers.rawCredits":     "api_credits",
}
