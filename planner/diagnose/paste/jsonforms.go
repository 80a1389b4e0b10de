package paste

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// readJSON reads a paste that starts with a JSON object or array (or a
// Python or JavaScript literal of one) and decides what it holds: an API
// error body, only its inner error object, a HAR export, a list of errors
// as Claude Code's /bug report keeps them, or response headers. A body is
// never read as headers: an object counts as headers only when it has a key
// a header list would have.
func readJSON(data, trimmed []byte, depth int) (Response, error) {
	var n notes
	doc, raw, ok := decodeDoc(trimmed, &n)
	if !ok {
		if looksLikeErrorBody(trimmed) {
			n.add("the JSON is not valid (cut off?); read what could be read")
			return Response{Form: FormJSONBody, Header: Header{}, Body: trimmed, Notes: n.done()}, nil
		}
		if !looksLikeHeaders(trimmed) {
			if resp, ok := readText(data, depth); ok {
				return resp, nil
			}
		}
		resp, err := readJSONHeaders(trimmed)
		if err != nil {
			return Response{}, shiftLine(err, lineOf(data, trimmed)-1)
		}
		return resp, nil
	}
	switch v := doc.(type) {
	case []any:
		return readJSONArray(v, depth, &n)
	case map[string]any:
		resp, err := readJSONObject(v, raw, &n)
		if err != nil {
			if r, ok := fromErrorStrings([]any{v}, depth); ok {
				return r, nil
			}
		}
		return resp, err
	}
	return Response{}, fmt.Errorf("line %d: a JSON value, but not an object: %s", lineOf(data, trimmed), expected)
}

// decodeDoc decodes the whole paste as JSON; failing that, after taking out
// a terminal's line wraps; failing that, as a Python or JavaScript literal.
// raw is the JSON that decoded.
func decodeDoc(trimmed []byte, n *notes) (doc any, raw []byte, ok bool) {
	try := func(b []byte) bool {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if dec.Decode(&doc) != nil {
			return false
		}
		if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
			n.add("text after the JSON ignored")
		}
		raw = b[:dec.InputOffset()]
		return true
	}
	if try(trimmed) {
		return doc, raw, true
	}
	if joined, _ := rejoinWrapped(trimmed); len(joined) < len(trimmed) && try(joined) {
		n.add("took out line breaks a terminal put inside the JSON")
		return doc, raw, true
	}
	if conv, _, err := literalToJSON(trimmed); err == nil && try(conv) {
		n.add("read as a Python or JavaScript literal")
		return doc, raw, true
	}
	return nil, nil, false
}

// readJSONObject files one decoded object under its form.
func readJSONObject(obj map[string]any, raw []byte, n *notes) (Response, error) {
	resp := Response{Header: Header{}}
	switch {
	case obj["log"] != nil:
		return readHAR(raw, n)
	case hasHeaderKeys(obj), !isErrorBody(obj) && !isInnerError(obj) && hasEnvelopeKeys(obj):
		r, err := readJSONHeaders(raw)
		if err != nil {
			return Response{}, err
		}
		r.Notes = append(n.done(), r.Notes...)
		return r, nil
	case isErrorBody(obj):
		resp.Form, resp.Body = FormJSONBody, raw
		resp.Status = bodyStatus(obj)
	case isInnerError(obj):
		// Wrapped as the whole body would be, so the body reader needs to
		// know one shape only.
		resp.Form = FormJSONError
		resp.Body = append(append([]byte(`{"error":`), raw...), '}')
		resp.Status = bodyStatus(map[string]any{"error": obj})
	case isObject(obj["response"]):
		inner, _ := json.Marshal(obj["response"])
		return readJSONObject(obj["response"].(map[string]any), inner, n)
	default:
		return Response{}, fmt.Errorf("line 1: a JSON object, but neither an API error body nor response headers (keys %s): %s",
			quote(strings.Join(sortedKeys(obj), ", ")), expected)
	}
	resp.Notes = n.done()
	return resp, nil
}

// readJSONArray reads Claude Code's list of errors ([{"error":"Error: 429
// {…}","timestamp":…}], newest last) or Gemini CLI's [{"error":{…}}].
func readJSONArray(list []any, depth int, n *notes) (Response, error) {
	for i := len(list) - 1; i >= 0; i-- {
		if obj, ok := list[i].(map[string]any); ok && isObject(obj["error"]) {
			body, _ := json.Marshal(obj)
			return Response{Form: FormJSONBody, Header: Header{}, Body: body, Status: bodyStatus(obj), Notes: n.done()}, nil
		}
	}
	if resp, ok := fromErrorStrings(list, depth); ok {
		return resp, nil
	}
	return Response{}, fmt.Errorf("line 1: a JSON list, but no error in it carries a status code: %s", expected)
}

// fromErrorStrings reads the last string in a list of log records that
// shows a status ("Error: 429 {…}" escaped in a JSON string), as a paste of
// its own.
func fromErrorStrings(list []any, depth int) (Response, bool) {
	if depth >= maxDepth {
		return Response{}, false
	}
	for i := len(list) - 1; i >= 0; i-- {
		obj, ok := list[i].(map[string]any)
		if !ok {
			continue
		}
		for _, k := range sortedKeys(obj) {
			s, ok := obj[k].(string)
			if !ok || !mentionsStatus(s) {
				continue
			}
			resp, err := parse([]byte(s), depth+1)
			if err != nil {
				continue
			}
			inner := resp.Form
			resp.Form = FormJSONString
			where := fmt.Sprintf("the %q of record %d of %d, the last with a status code", k, i+1, len(list))
			if len(list) == 1 {
				where = fmt.Sprintf("the %q of the JSON record", k)
			}
			resp.Notes = append([]string{"read " + where + " (" + inner.Words() + " inside)"}, resp.Notes...)
			return resp, true
		}
	}
	return Response{}, false
}

// looksLikeHeaders spots a broken JSON object of headers by a header name
// near its start.
func looksLikeHeaders(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 4096)]))
	for _, k := range []string{`"retry-after"`, `"anthropic-`, `"x-ratelimit-`, `"headers"`, `"date"`, `"status"`, `"request-id"`} {
		if strings.Contains(head, k) {
			return true
		}
	}
	return false
}

// hasHeaderKeys reports whether an object is written as response headers:
// a "headers" key, or a key that is a header the diagnosis reads.
func hasHeaderKeys(obj map[string]any) bool {
	for k := range obj {
		lk := strings.ToLower(k)
		// An error body's keys are words or snake_case; a header's are
		// hyphenated (retry-after, x-request-id), or a few plain words.
		if lk == "headers" || lk == "date" || lk == ":status" || (strings.Contains(lk, "-") && isToken(lk)) {
			return true
		}
	}
	return false
}

// hasEnvelopeKeys reports the keys a logged response has around its
// headers: a status and a body.
func hasEnvelopeKeys(obj map[string]any) bool {
	for _, k := range []string{"status", "status_code", "statusCode", "body", "content"} {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

// isErrorBody: {"type":"error","error":{…}} (Anthropic), {"error":{…}}
// (OpenAI, Gemini), {"error":"…"} from a proxy, or an RFC 9457 problem
// ({"status":429,"title":…}).
func isErrorBody(obj map[string]any) bool {
	switch obj["error"].(type) {
	case map[string]any, string:
		return true
	}
	_, hasTitle := obj["title"].(string)
	_, hasStatus := obj["status"].(json.Number)
	return hasTitle && hasStatus
}

// isInnerError: only the error object of a body, {"type":"rate_limit_error",
// "message":…} (Anthropic) or {"message":…,"type":…,"code":…} (OpenAI).
func isInnerError(obj map[string]any) bool {
	_, hasMsg := obj["message"].(string)
	_, hasType := obj["type"].(string)
	_, hasCode := obj["code"]
	return hasMsg && (hasType || hasCode)
}

// bodyStatus is the status a body states itself: Gemini's error.code, a
// problem's status.
func bodyStatus(obj map[string]any) int {
	candidates := []any{obj["status"]}
	if e, ok := obj["error"].(map[string]any); ok {
		candidates = append(candidates, e["code"], e["status"])
	}
	for _, c := range candidates {
		if num, ok := c.(json.Number); ok {
			if code, ok := statusCode(num.String()); ok {
				return code
			}
		}
	}
	return 0
}

// looksLikeErrorBody spots a body too broken to decode, by its opening.
func looksLikeErrorBody(b []byte) bool {
	head := b
	if len(head) > 200 {
		head = head[:200]
	}
	compact := strings.Join(strings.Fields(string(head)), "")
	return strings.HasPrefix(compact, `{"type":"error"`) || strings.HasPrefix(compact, `{"error":`)
}

func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

// mentionsStatus reports whether an error string shows an HTTP status.
func mentionsStatus(s string) bool {
	return reStatusBrace().MatchString(s) || rePyStatus().MatchString(s) || reRejected().MatchString(s)
}

func sortedKeys(m map[string]any) []string {
	h := Header{}
	for k := range m {
		h[k] = nil
	}
	return h.Names()
}

// shiftLine moves a "line N:" error down by the lines before the JSON.
func shiftLine(err error, by int) error {
	if by == 0 {
		return err
	}
	msg := err.Error()
	var line int
	var rest string
	if k, _ := fmt.Sscanf(msg, "line %d:", &line); k == 1 {
		rest = msg[strings.IndexByte(msg, ':')+1:]
		return fmt.Errorf("line %d:%s", line+by, rest)
	}
	return err
}
