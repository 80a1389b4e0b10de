package paste

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
)

// What an SDK's printed error looks like. The expressions are
// compiled on first use, not at package init: every command links this
// package, and only a paste being read needs them.
var (
	// The headers of a Node SDK error as console.log prints it:
	//   headers: {
	//     'retry-after': '20', …
	reNodeHeaders = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^[ \t]*headers:[ \t]*(?:[A-Za-z]+[ \t]*)?\{`) })
	// Its status and request id lines: "  status: 429," "  request_id: 'req_…',".
	reNodeStatus = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)^[ \t]*status:[ \t]*([1-5][0-9]{2}),?[ \t]*\r?$`)
	})
	reNodeRequestID = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)^[ \t]*request_?[iI][dD]:[ \t]*'(req_[A-Za-z0-9]+)'`)
	})
	// A Python print of response headers: httpx's Headers({…}) or
	// Headers([(…), …]), or a requests dict on a line of its own.
	rePyHeaders = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Headers\(\s*[\[{]|(?m)^[ \t]*\{'`) })
	// A Python traceback's first line.
	rePyTraceback = []byte("Traceback (most recent call last)")
)

// readDumpHeaders reads the headers an SDK's printed error carries into h,
// and names the form that printed them ("" when none).
func readDumpHeaders(data []byte, h Header, n *notes) Form {
	if m := lineMatches(data, reNodeHeaders(), []string{"headers:"}, 1); m != nil {
		loc := m[0]
		if addLiteralHeaders(limit(data[loc[1]-1:]), h) {
			if m := lineMatches(data, reNodeRequestID(), []string{"request_id:", "requestID:"}, 1); m != nil {
				if _, ok := h.Get("request-id"); !ok {
					h.Add("request-id", string(data[m[0][2]:m[0][3]]))
				}
			}
			return FormNodeSDK
		}
		n.add("the headers block of the printed error does not read; skipped")
	}
	for _, loc := range lineMatches(data, rePyHeaders(), []string{"Headers(", "{'"}, maxCandidates) {
		start := loc[0]
		if data[loc[1]-1] == '\'' { // a dict line: start at its brace
			start = loc[1] - 2
		}
		if addLiteralHeaders(limit(data[start:]), h) {
			return FormPythonSDK
		}
	}
	if bytes.Contains(data, rePyTraceback) {
		return FormPythonSDK
	}
	if isNodeDump(data) {
		return FormNodeSDK
	}
	return ""
}

// addLiteralHeaders reads a Python or JavaScript literal of headers (an
// object, or a list of name/value pairs) into h; it reports false when the
// literal does not read or holds no header the diagnosis uses.
func addLiteralHeaders(s []byte, h Header) bool {
	conv, _, err := literalToJSON(s)
	if err != nil {
		return false
	}
	var obj map[string]any
	var pairs [][]any
	switch {
	case json.Unmarshal(conv, &obj) == nil:
		if !hasHeaderKeys(obj) {
			return false
		}
		for _, k := range sortedKeys(obj) {
			addAnyHeader(h, k, obj[k])
		}
	case json.Unmarshal(conv, &pairs) == nil:
		for _, p := range pairs {
			if len(p) == 2 {
				if k, ok := p[0].(string); ok {
					addAnyHeader(h, k, p[1])
				}
			}
		}
	default:
		return false
	}
	return len(h) > 0
}

func addAnyHeader(h Header, name string, v any) {
	if !isToken(name) {
		return
	}
	switch x := v.(type) {
	case string:
		h.Add(name, x)
	case float64:
		h.Add(name, strings.TrimSpace(jsonText(x)))
	case []any:
		for _, e := range x {
			addAnyHeader(h, name, e)
		}
	}
}

func jsonText(v any) string { b, _ := json.Marshal(v); return string(b) }

// isNodeDump spots a Node error printout: "SomethingError: 429 …" followed
// by stack lines ("    at …").
func isNodeDump(data []byte) bool {
	first := firstLine(bytes.TrimLeft(data, " \t\r\n"))
	name, value, ok := splitColon(first)
	if !ok || !strings.HasSuffix(name, "Error") || len(value) < 3 {
		return false
	}
	if _, isCode := statusCode(value[:3]); !isCode {
		return false
	}
	return bytes.Contains(data, []byte("\n    at "))
}

// nodeStatus reads the "status: 429," line of a Node error printout.
func nodeStatus(data []byte) (int, bool) {
	if m := lineMatches(data, reNodeStatus(), []string{"status:"}, 1); m != nil {
		return statusCode(string(data[m[0][2]:m[0][3]]))
	}
	return 0, false
}

// readDiagnosticLines adds the "name: value" (or "Name = value") lines of a
// text paste whose name is a header the diagnosis reads, wherever they are:
// headers a user pasted under an error line. Other lines are left alone, so
// "Error: 429 …" is never taken for a header named Error.
func readDiagnosticLines(data []byte, h Header) bool {
	fromDump := map[string]bool{}
	for k := range h {
		fromDump[k] = true
	}
	found := false
	for pos := 0; pos < len(data); {
		line, next := readLine(data, pos)
		pos = next
		name, value, _, ok := splitHeader(strings.TrimSpace(line))
		if !ok || !diagnosticHeader(strings.ToLower(name)) {
			continue
		}
		if fromDump[strings.ToLower(name)] {
			continue // already read from the printed error
		}
		h.Add(name, value)
		// A "Date:" line alone (an e-mail, a note) is no response.
		found = found || !strings.EqualFold(name, "date")
	}
	return found
}
