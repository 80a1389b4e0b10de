package paste

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sync"
)

// Where a status is written in text. The expressions are
// compiled on first use, not at package init: every command links this
// package, and only a paste being read needs them.
var (
	// The Python SDK's str(error): "Error code: 429 - {'type': 'error', …}".
	rePyStatus = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Error code: ([1-5][0-9]{2}) - [{\[]`) })
	// A status right before a JSON body (statusBraces finds these): Claude
	// Code's "API Error: 429 {", the SDKs' "Error: 429 {" and
	// "RateLimitError: 429 {", a log's "… request: 429 {" or "(attempt
	// 1/11): 429 429 {", "(429 {…}) · Retrying".
	reStatusBrace = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^0-9A-Za-z_.])([1-5][0-9]{2}) (?:[1-5][0-9]{2} )?\{`)
	})
	// Words that name a status: "status: 429", "status code 429", "HTTP 429",
	// Gemini CLI's "got status: 429 Too Many Requests".
	reStatusWord = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:\bstatus(?:[ _]?code)?|\bhttp)\s*[:=]?\s*([1-5][0-9]{2})\b`)
	})
)

// statusWords are the literals a line must hold for reStatusWord to be
// tried on it.
var statusWords = []string{"status", "Status", "STATUS", "http", "HTTP", "Http"}

// maxCandidates bounds how many "429 {" places are tried as a body, so a
// paste of thousands of them stays linear.
const maxCandidates = 8

// readText reads a paste of text that holds a response in pieces: an error
// line with its status and body, a Claude Code message, an SDK's printed
// error with its headers, or header lines among other text. It reports
// false when it finds none of these.
func readText(data []byte, depth int) (Response, bool) {
	var n notes
	resp := Response{Header: Header{}}
	form, found := Form(""), false
	outside := data // the text outside the body, where a client's own line can be
	if status, body, span, f, ok := findStatusBody(data, &n); ok {
		resp.Status, resp.Body, form, found = status, body, f, true
		outside = blankSpan(data, span)
	}
	if msg, status, ok := findClaudeMessage(outside); ok {
		resp.Message, found = msg, true
		if resp.Status == 0 {
			resp.Status = status
		}
		if form == "" || form == FormErrorLine {
			form = FormClaudeCode
		}
	}
	dump := readDumpHeaders(data, resp.Header, &n)
	lines := readDiagnosticLines(data, resp.Header)
	if !found && dump == "" && !lines {
		return Response{}, false
	}
	if resp.Status == 0 {
		if st, ok := nodeStatus(data); ok {
			resp.Status = st
		} else if m := lineMatches(data, reStatusWord(), statusWords, 1); m != nil {
			resp.Status, _ = statusCode(string(data[m[0][2]:m[0][3]]))
		}
	}
	switch {
	case dump != "" && (form == "" || form == FormErrorLine || form == FormPythonSDK):
		form = dump
	case form == "":
		form = FormHeaderLines
	}
	if form == FormErrorLine && bytes.Contains(data, []byte("API Error")) {
		form = FormClaudeCode
	}
	resp.Form = form
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, true
}

// findStatusBody finds an error line: a status code and the JSON (or Python
// literal) body printed right after it. Of several, the last wins: a log of
// retries ends with the latest answer.
func findStatusBody(data []byte, n *notes) (status int, body []byte, span [2]int, form Form, ok bool) {
	if m := lastLineMatch(data, rePyStatus(), []string{"Error code: "}); m != nil {
		status, _ = statusCode(string(data[m[2]:m[3]]))
		start := m[1] - 1
		if conv, used, err := literalToJSON(limit(data[start:])); err == nil {
			return status, conv, [2]int{m[0], start + used}, FormPythonSDK, true
		}
		n.add("the body after %q is not a readable Python literal (cut off?)", "Error code")
		rest := rawRest(data[start:])
		return status, rest, [2]int{m[0], start + len(rest)}, FormPythonSDK, true
	}
	places := statusBraces(data, maxCandidates)
	for k := len(places) - 1; k >= 0; k-- {
		p := places[k]
		code, _ := statusCode(string(data[p[0]:p[1]]))
		if b, used, ok := bodyAt(data[p[2]:], n); ok {
			return code, b, [2]int{p[0], p[2] + used}, FormErrorLine, true
		}
	}
	// The status in words, the body later on the line: "got status: 429
	// Too Many Requests. {…}".
	for _, m := range lineMatches(data, reStatusWord(), statusWords, maxCandidates) {
		code, _ := statusCode(string(data[m[2]:m[3]]))
		line := data[m[1]:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		if brace := bytes.IndexByte(line, '{'); brace >= 0 {
			if b, used, ok := bodyAt(data[m[1]+brace:], n); ok {
				return code, b, [2]int{m[0], m[1] + brace + used}, FormErrorLine, true
			}
		}
	}
	return 0, nil, [2]int{}, "", false
}

// blankSpan is data with span[0]:span[1] turned to spaces (line breaks
// kept), in a copy.
func blankSpan(data []byte, span [2]int) []byte {
	out := append([]byte(nil), data...)
	for i := span[0]; i < span[1] && i < len(out); i++ {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

// bodyAt reads the error body that starts at s[0] ('{'): plain JSON, JSON
// the terminal wrapped, or JSON escaped inside a JSON string ({\"type\":…).
// A body cut short is kept as text when its opening is an error body's.
func bodyAt(s []byte, n *notes) (body []byte, used int, ok bool) {
	if len(s) > 2 && s[1] == '\\' && s[2] == '"' {
		end, ok := stringEnd(append([]byte{'"'}, limit(s)...))
		var un string
		if ok && json.Unmarshal(append([]byte{'"'}, s[:end-1]...), &un) == nil {
			if v, _, _, ok := objectAt([]byte(un)); ok && isErrorJSON(v) {
				n.add("unescaped a JSON-escaped body")
				return v, end - 1, true
			}
		}
		return nil, 0, false
	}
	if v, span, rejoined, ok := objectAt(s); ok && isErrorJSON(v) {
		if rejoined {
			n.add("took out line breaks a terminal put inside the body")
		}
		return v, span, true
	}
	if looksLikeErrorBody(s) {
		n.add("the body is not valid JSON (cut off?); read what could be read")
		rest := rawRest(s)
		return rest, len(rest), true
	}
	return nil, 0, false
}

// isErrorJSON reports whether a decoded value is an error body or an inner
// error object.
func isErrorJSON(v []byte) bool {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if dec.Decode(&obj) != nil {
		return false
	}
	return isErrorBody(obj) || isInnerError(obj)
}

// rawRest is the text from s up to the next blank line, bounded: what is
// left of a body that does not decode.
func rawRest(s []byte) []byte {
	s = limit(s)
	if i := bytes.Index(s, []byte("\n\n")); i >= 0 {
		s = s[:i]
	}
	return s
}

func limit(s []byte) []byte {
	if len(s) > maxObject {
		return s[:maxObject]
	}
	return s
}
