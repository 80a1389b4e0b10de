package diagnose

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"time"
)

// ErrorBody is what an error body says, in the vendor's own words: for
// Anthropic {"type":"error","error":{"type":"rate_limit_error",
// "message":…,"details":{"error_code":…}}}, for OpenAI {"error":{"message":…,
// "type":…,"code":…}}, for Gemini {"error":{"code":429,"message":…,
// "status":"RESOURCE_EXHAUSTED","details":[…]}} (status goes in Type).
type ErrorBody struct {
	Type    string `json:"type,omitempty"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code,omitempty"`
}

// SpendCapCode marks the 429 sent when a tier's monthly spend cap is reached.
const SpendCapCode = "enforced_spend_limit_reached"

// maxMessage keeps a pasted message readable in a report.
const maxMessage = 500

// bodyInfo is everything read from a body: what is reported, and what only
// informs the verdict.
type bodyInfo struct {
	ErrorBody
	RequestID string
	Provider  string
	Quotas    []Quota
	// RetryDelay is Gemini's RetryInfo.retryDelay.
	RetryDelay *time.Duration
}

type errorJSON struct {
	Type  any `json:"type"`
	Error struct {
		Type    string          `json:"type"`
		Message string          `json:"message"`
		Code    json.RawMessage `json:"code"`
		Status  string          `json:"status"`
		Param   json.RawMessage `json:"param"`
		Details json.RawMessage `json:"details"`
	} `json:"error"`
	RequestID string `json:"request_id"`
	// An RFC 9457 problem, as some gateways answer.
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// The parts of a body that is not valid JSON, searched for as text.
// Compiled on first use, not at package init: every command links this
// package, and only a diagnosis reads these.
var (
	reType    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"type"\s*:\s*"([a-z_]+_error)"`) })
	reMessage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"message"\s*:\s*"((?:[^"\\]|\\.)*)`) })
	reReqID   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"request_id"\s*:\s*"(req_[A-Za-z0-9]+)"`) })
)

// parseBody reads an error body. A body that is not valid JSON (cut off by a
// pipe, or a proxy's HTML page) is searched for the parts that matter, and a
// note says so.
func parseBody(body []byte, n *notes) bodyInfo {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return bodyInfo{}
	}
	var doc errorJSON
	if err := json.Unmarshal(body, &doc); err == nil {
		return fromJSON(doc, body)
	}
	if bytes.HasPrefix(body, []byte("<")) {
		n.add("the body is HTML, not the API's JSON error: a proxy or gateway may have answered")
		return bodyInfo{}
	}
	var info bodyInfo
	if m := reType().FindSubmatch(body); m != nil {
		info.Type = string(m[1])
	}
	if m := reMessage().FindSubmatch(body); m != nil {
		var s string
		if json.Unmarshal([]byte(`"`+string(m[1])+`"`), &s) != nil {
			s = string(m[1])
		}
		info.Message = s
	}
	if bytes.Contains(body, []byte(SpendCapCode)) {
		info.Code = SpendCapCode
	}
	if m := reReqID().FindSubmatch(body); m != nil {
		info.RequestID = string(m[1])
	}
	if info.ErrorBody == (ErrorBody{}) {
		n.add("the body is not an API error; ignored")
		return info
	}
	info.Provider = "anthropic"
	n.add("the body is not valid JSON (cut off?); read what could be read")
	return info
}

// fromJSON reads a decoded body of any of the three vendors.
func fromJSON(doc errorJSON, raw []byte) bodyInfo {
	e := doc.Error
	info := bodyInfo{ErrorBody: ErrorBody{Type: e.Type, Message: e.Message}, RequestID: doc.RequestID}
	var code string
	_ = json.Unmarshal(e.Code, &code)
	switch {
	case e.Status != "" || bytes.Contains(e.Details, []byte("type.googleapis.com")):
		info.Provider, info.Type = "gemini", e.Status
		info.Quotas, info.RetryDelay = geminiDetails(e.Details)
	case len(e.Param) > 0 || (code != "" && doc.Type == nil):
		info.Provider, info.Code = "openai", code // OpenAI always sends "param"
	case doc.Type == "error" || strings.HasPrefix(doc.RequestID, "req_") || strings.HasSuffix(e.Type, "_error"):
		info.Provider = "anthropic"
		info.Code = anthropicCode(e.Details, code)
	}
	if info.Message == "" && doc.Title != "" { // a problem document
		info.Message = strings.TrimSpace(doc.Title + ". " + doc.Detail)
	}
	if info.ErrorBody == (ErrorBody{}) && !bytes.Contains(raw, []byte(`"error"`)) {
		return bodyInfo{}
	}
	return info
}

// anthropicCode is details.error_code, or a code a proxy moved up.
func anthropicCode(details json.RawMessage, code string) string {
	var d struct {
		ErrorCode string `json:"error_code"`
	}
	if json.Unmarshal(details, &d) == nil && d.ErrorCode != "" {
		return d.ErrorCode
	}
	return code
}

// report turns what was read into the reported error: escaped, cut short.
func (b bodyInfo) report() *ErrorBody {
	eb := ErrorBody{Type: clean(b.Type, 80), Message: clean(b.Message, maxMessage), Code: clean(b.Code, 80)}
	if eb == (ErrorBody{}) {
		return nil
	}
	return &eb
}
