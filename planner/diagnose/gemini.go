package diagnose

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// geminiDetail is one entry of a Gemini error's details: a QuotaFailure
// (which quotas were exceeded) or a RetryInfo (how long to wait).
type geminiDetail struct {
	Type       string `json:"@type"`
	Violations []struct {
		QuotaMetric     string            `json:"quotaMetric"`
		QuotaID         string            `json:"quotaId"`
		QuotaDimensions map[string]string `json:"quotaDimensions"`
		QuotaValue      string            `json:"quotaValue"`
	} `json:"violations"`
	RetryDelay string `json:"retryDelay"`
}

// geminiDetails reads the exceeded quotas and the retry delay.
func geminiDetails(raw json.RawMessage) ([]Quota, *time.Duration) {
	var details []geminiDetail
	if json.Unmarshal(raw, &details) != nil {
		return nil, nil
	}
	var quotas []Quota
	var delay *time.Duration
	for _, d := range details {
		switch {
		case strings.HasSuffix(d.Type, "QuotaFailure"):
			for _, v := range d.Violations {
				q := Quota{ID: clean(v.QuotaID, 120), Metric: clean(v.QuotaMetric, 120),
					Model: clean(v.QuotaDimensions["model"], 80), Measure: geminiMeasure(v.QuotaID)}
				if n, err := strconv.ParseInt(v.QuotaValue, 10, 64); err == nil && n >= 0 {
					q.Limit = &n
				}
				quotas = append(quotas, q)
			}
		case strings.HasSuffix(d.Type, "RetryInfo"):
			if dur, ok := parseDuration(d.RetryDelay); ok {
				delay = &dur
			}
		}
	}
	return quotas, delay
}

// geminiMeasure maps a quota id to the limit it enforces:
// GenerateRequestsPerDayPerProjectPerModel-FreeTier → daily_requests,
// GenerateContentInputTokensPerModelPerMinute-FreeTier → itpm. Gemini's
// TPM counts input tokens only.
func geminiMeasure(id string) Limit {
	day := strings.Contains(id, "PerDay")
	minute := strings.Contains(id, "PerMinute")
	tokens := strings.Contains(id, "Token")
	switch {
	case day && tokens:
		return LimitDailyTokens
	case day:
		return LimitDailyRequests
	case minute && strings.Contains(id, "InputToken"):
		return LimitITPM
	case minute && tokens:
		return LimitTokens
	case minute:
		return LimitRPM
	}
	return LimitUnknown
}

// geminiLimit is the limit of the quotas a Gemini 429 names: a daily one
// outranks a per-minute one, since waiting a minute does not help it.
func geminiLimit(quotas []Quota) Limit {
	best := LimitNone
	for _, q := range quotas {
		switch {
		case q.Measure == LimitDailyRequests || q.Measure == LimitDailyTokens:
			return q.Measure
		case best == LimitNone || best == LimitUnknown:
			best = q.Measure
		}
	}
	return best
}

// geminiDayZone is where Gemini's per-day quotas turn over: midnight
// Pacific time (ai.google.dev rate limits page).
const geminiDayZone = "America/Los_Angeles"
