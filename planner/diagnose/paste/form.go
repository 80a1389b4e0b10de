package paste

// Form names how a paste was written; the JSON contract carries it as
// "form", and reports say it in words so a misread is easy to spot.
type Form string

// The forms a paste can take.
const (
	FormHTTP         Form = "http_response" // curl -i / curl -sD - output
	FormCurlVerbose  Form = "curl_verbose"  // curl -v output: "< " response lines
	FormHeaderLines  Form = "header_lines"  // "name: value" lines
	FormHeaderEquals Form = "header_equals" // "Name = value" lines
	FormJSONHeaders  Form = "json_headers"  // {"retry-after": "20", …}
	FormJSONBody     Form = "json_body"     // {"type":"error","error":{…}}
	FormJSONError    Form = "json_error"    // only the inner {"type":"rate_limit_error","message":…}
	FormHAR          Form = "har"           // a browser's HAR export (log.entries)
	FormErrorLine    Form = "error_line"    // "Error: 429 {…}", "429 {…}", a log line
	FormClaudeCode   Form = "claude_code"   // "API Error: 429 {…}", "Request rejected (429) · …", limit lines
	FormPythonSDK    Form = "python_sdk"    // "anthropic.RateLimitError: Error code: 429 - {'type': …}"
	FormNodeSDK      Form = "node_sdk"      // a Node SDK error as console.log prints it
	FormGoResponse   Form = "go_response"   // fmt.Printf("%+v", resp) of a Go *http.Response
	FormJSONString   Form = "json_string"   // any of these inside a JSON-escaped string
	FormFlags        Form = "flags"         // --status and --header, no paste
	FormLive         Form = "live"          // a response probe received
)

var formWords = map[Form]string{
	FormHTTP:         "an HTTP response as curl -i prints it",
	FormCurlVerbose:  "curl -v output (the \"< \" response lines and the body)",
	FormHeaderLines:  `response headers as "name: value" lines`,
	FormHeaderEquals: `response headers as "Name = value" lines`,
	FormJSONHeaders:  "a JSON object of response headers",
	FormJSONBody:     "an API error body (JSON)",
	FormJSONError:    "the inner error object of an API error body",
	FormHAR:          "a HAR export (log.entries)",
	FormErrorLine:    `an error line ("Error: 429 {…}")`,
	FormClaudeCode:   "a Claude Code error message",
	FormPythonSDK:    "a Python SDK error (Error code: 429 - {…})",
	FormNodeSDK:      "a Node SDK error as console.log prints it",
	FormGoResponse:   "a Go *http.Response printed with %+v",
	FormJSONString:   "a JSON-escaped error string",
	FormFlags:        "--status and --header",
	FormLive:         "a live response",
}

// Words describes the form for people: "an HTTP response as curl -i prints it".
func (f Form) Words() string {
	if w, ok := formWords[f]; ok {
		return w
	}
	return string(f)
}
