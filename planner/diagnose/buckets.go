package diagnose

import (
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

// Bucket is one rate-limit bucket as the headers report it: Anthropic's
// anthropic-ratelimit-* or OpenAI's x-ratelimit-*. Pointers are nil where
// the header was missing or unreadable.
type Bucket struct {
	// Provider is whose headers these are: anthropic or openai.
	Provider string `json:"provider"`
	// Name is the header infix: requests, input-tokens, output-tokens, tokens.
	Name string `json:"name"`
	// Measures is the limit the bucket enforces: rpm, itpm, otpm or tokens.
	Measures  Limit      `json:"measures"`
	Limit     *int64     `json:"limit"`
	Remaining *int64     `json:"remaining"`
	Reset     *time.Time `json:"reset"`
	// ResetInS is whole seconds from the reference time until the bucket is
	// full again, rounded up (a wait shorter than that fails); 0 once past.
	ResetInS *int64 `json:"reset_in_s"`
	Empty    bool   `json:"empty"`
}

// anthropicBuckets lists the buckets in report order, specific before the
// combined "tokens" bucket (which repeats the most restrictive one).
var anthropicBuckets = []struct {
	name     string
	measures Limit
}{
	{"requests", LimitRPM},
	{"input-tokens", LimitITPM},
	{"output-tokens", LimitOTPM},
	{"tokens", LimitTokens},
}

const anthropicPrefix = "anthropic-ratelimit-"

// readAnthropicBuckets reads every bucket that has at least one header, and
// lists the headers that are missing (a whole bucket as "…-requests-*").
// Resets are RFC 3339 instants.
func readAnthropicBuckets(h paste.Header, ref time.Time, n *notes) (buckets []Bucket, missing []string) {
	for _, k := range anthropicBuckets {
		base := anthropicPrefix + k.name + "-"
		b := Bucket{Provider: "anthropic", Name: k.name, Measures: k.measures}
		var absent []string
		seen := false
		for _, field := range []string{"limit", "remaining", "reset"} {
			v, ok := h.Get(base + field)
			if !ok {
				absent = append(absent, base+field)
				continue
			}
			seen = true
			switch field {
			case "limit":
				b.Limit = parseCount(base+field, v, n)
			case "remaining":
				b.Remaining = parseCount(base+field, v, n)
			case "reset":
				t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
				switch {
				case err != nil:
					n.add("header %s: %s is not an RFC 3339 time; ignored", base+field, quote(v))
				case !inRange(t):
					n.add("header %s: %s is outside years 1-9999; ignored", base+field, quote(v))
				default:
					b.setReset(t.UTC(), ref)
				}
			}
		}
		if !seen {
			missing = append(missing, base+"*")
			continue
		}
		missing = append(missing, absent...)
		b.Empty = b.Remaining != nil && *b.Remaining == 0
		buckets = append(buckets, b)
	}
	return buckets, missing
}

func (b *Bucket) setReset(t, ref time.Time) {
	b.Reset = &t
	in := ceilSeconds(t.Sub(ref))
	b.ResetInS = &in
}

// openaiBuckets reads OpenAI's x-ratelimit-{limit,remaining,reset}-{requests,
// tokens}. Their resets are durations from the response ("6m0s", "12ms"),
// not instants; tokens count input and output together.
func readOpenAIBuckets(h paste.Header, ref time.Time, n *notes) []Bucket {
	var out []Bucket
	for _, k := range []struct {
		name     string
		measures Limit
	}{{"requests", LimitRPM}, {"tokens", LimitTokens}} {
		b := Bucket{Provider: "openai", Name: k.name, Measures: k.measures}
		seen := false
		if v, ok := h.Get("x-ratelimit-limit-" + k.name); ok {
			b.Limit, seen = parseCount("x-ratelimit-limit-"+k.name, v, n), true
		}
		if v, ok := h.Get("x-ratelimit-remaining-" + k.name); ok {
			b.Remaining, seen = parseCount("x-ratelimit-remaining-"+k.name, v, n), true
		}
		if v, ok := h.Get("x-ratelimit-reset-" + k.name); ok {
			seen = true
			d, ok := parseDuration(v)
			if ok {
				if t := ref.Add(d); inRange(t) {
					b.setReset(t, ref)
				}
			} else {
				n.add("header x-ratelimit-reset-%s: %s is not a duration such as 6m0s or 12ms; ignored", k.name, quote(v))
			}
		}
		if seen {
			b.Empty = b.Remaining != nil && *b.Remaining == 0
			out = append(out, b)
		}
	}
	return out
}

// parseCount reads a non-negative whole number; anything else is noted and
// treated as missing.
func parseCount(name, v string, n *notes) *int64 {
	s := strings.TrimSpace(v)
	x, err := strconv.ParseInt(s, 10, 64)
	if err != nil || x < 0 || strings.HasPrefix(s, "+") {
		n.add("header %s: %s is not a whole number; ignored", name, quote(v))
		return nil
	}
	return &x
}
