package diagnose

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"unicode"
)

// ErrorBody is what the API's error body says:
// {"type":"error","error":{"type":"rate_limit_error","message":"…",
// "details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_…"}.
type ErrorBody struct {
	Type    string `json:"type,omitempty"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code,omitempty"`
}

// SpendCapCode marks the 429 sent when a tier's monthly spend cap is reached.
const SpendCapCode = "enforced_spend_limit_reached"

// maxMessage keeps a pasted message readable in a report.
const maxMessage = 500

type apiErrorJSON struct {
	Type  string `json:"type"`
	Error *struct {
		Type    string          `json:"type"`
		Message string          `json:"message"`
		Code    json.RawMessage `json:"code"`
		Details *struct {
			ErrorCode string `json:"error_code"`
		} `json:"details"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

var (
	reType    = regexp.MustCompile(`"type"\s*:\s*"([a-z_]+_error)"`)
	reMessage = regexp.MustCompile(`"message"\s*:\s*"((?:[^"\\]|\\.)*)`)
	reReqID   = regexp.MustCompile(`"request_id"\s*:\s*"(req_[A-Za-z0-9]+)"`)
)

// parseErrorBody reads an error body. A body that is not valid JSON (cut off
// by a pipe, or an HTML page from a proxy) is searched for the parts that
// matter, and a note says so.
func parseErrorBody(body []byte) (eb ErrorBody, requestID string, notes []string) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ErrorBody{}, "", nil
	}
	var doc apiErrorJSON
	if err := json.Unmarshal(body, &doc); err == nil {
		if doc.Error != nil {
			eb = ErrorBody{Type: doc.Error.Type, Message: cleanText(doc.Error.Message)}
			if doc.Error.Details != nil {
				eb.Code = doc.Error.Details.ErrorCode
			}
			var code string
			if eb.Code == "" && json.Unmarshal(doc.Error.Code, &code) == nil {
				eb.Code = code // proxies that reshape errors OpenAI-style
			}
		}
		return eb, doc.RequestID, nil
	}
	if bytes.HasPrefix(body, []byte("<")) {
		return ErrorBody{}, "", []string{"the body is HTML, not the API's JSON error: a proxy or gateway may have answered"}
	}
	if m := reType.FindSubmatch(body); m != nil {
		eb.Type = string(m[1])
	}
	if m := reMessage.FindSubmatch(body); m != nil {
		var s string
		if json.Unmarshal([]byte(`"`+string(m[1])+`"`), &s) != nil {
			s = string(m[1])
		}
		eb.Message = cleanText(s)
	}
	if bytes.Contains(body, []byte(SpendCapCode)) {
		eb.Code = SpendCapCode
	}
	if m := reReqID.FindSubmatch(body); m != nil {
		requestID = string(m[1])
	}
	if eb == (ErrorBody{}) {
		return eb, requestID, []string{"the body is not the API's JSON error; ignored"}
	}
	return eb, requestID, []string{"the body is not valid JSON (cut off?); read what could be read"}
}

// cleanText makes text from outside safe to print: control characters
// (terminal escapes included) become spaces, and it is cut to maxMessage.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxMessage {
		s = string(r[:maxMessage]) + "…"
	}
	return s
}

var reLimitInMessage = regexp.MustCompile(`(?i)(?:of|limit:?)\s+([0-9][0-9,]*)\s+(input tokens|output tokens|tokens|requests)\s+per\s+(minute|day)`)

// limitFromMessage reads which limit a rate-limit message names, e.g. "This
// request would exceed the rate limit for your organization (…) of 30,000
// input tokens per minute", and the figure it gives (0 when none).
func limitFromMessage(msg string) (Limit, int64) {
	if m := reLimitInMessage.FindStringSubmatch(msg); m != nil {
		n := parseGroupedInt(m[1])
		if strings.EqualFold(m[3], "day") {
			return LimitDaily, n
		}
		switch strings.ToLower(m[2]) {
		case "input tokens":
			return LimitITPM, n
		case "output tokens":
			return LimitOTPM, n
		case "requests":
			return LimitRPM, n
		}
		return LimitTokens, n
	}
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "per day") || strings.Contains(low, "daily"):
		return LimitDaily, 0
	case strings.Contains(low, "request tokens has exceeded your per-minute"):
		return LimitTokens, 0
	}
	return LimitNone, 0
}

func parseGroupedInt(s string) int64 {
	var n int64
	for _, c := range s {
		if c >= '0' && c <= '9' {
			if n > (1<<62)/10 {
				return 0
			}
			n = n*10 + int64(c-'0')
		}
	}
	return n
}

// isSpendLimitMessage recognises the 400 sent when a spend limit the user set
// (organisation or workspace) is reached.
func isSpendLimitMessage(msg string) bool {
	return strings.Contains(strings.ToLower(msg), "specified api usage limits")
}
