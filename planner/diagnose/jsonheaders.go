package diagnose

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseJSONHeaders parses a JSON object of headers, as scripts and SDK logs
// dump them: {"retry-after": "30", "anthropic-ratelimit-requests-limit":
// ["50"], …}. Values may be strings, numbers or arrays of them. Optional
// keys: "status" (number or string), "headers" (a nested object, or a HAR
// list of {"name","value"}), "body" (string or object) and HAR's
// "content": {"text"}. The object is read token by token so duplicated keys
// are kept, not silently collapsed.
func parseJSONHeaders(data []byte) (Response, error) {
	resp := Response{Header: Header{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the opening brace
		return Response{}, jsonError(data, dec, err)
	}
	read := 0
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return partialJSON(resp, read, data, dec, err)
		}
		key, _ := keyTok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return partialJSON(resp, read, data, dec, err)
		}
		read++
		resp.addJSONField(key, raw)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return partialJSON(resp, read, data, dec, err)
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		resp.note("text after the JSON object ignored")
	}
	resp.finishNotes()
	return resp, nil
}

// addJSONField files one top-level key of the object.
func (r *Response) addJSONField(key string, raw json.RawMessage) {
	switch strings.ToLower(key) {
	case "status", ":status", "status_code", "statuscode":
		r.setJSONStatus(raw)
	case "headers":
		r.addJSONHeaders(raw)
	case "body":
		var s string
		if json.Unmarshal(raw, &s) == nil {
			r.Body = []byte(s)
		} else {
			r.Body = append([]byte(nil), raw...)
		}
	case "content":
		var c struct{ Text string }
		if json.Unmarshal(raw, &c) == nil && c.Text != "" {
			r.Body = []byte(c.Text)
		}
	default:
		r.addJSONValue(key, raw)
	}
}

func (r *Response) setJSONStatus(raw json.RawMessage) {
	var n json.Number
	var s string
	switch {
	case json.Unmarshal(raw, &n) == nil:
		s = n.String()
	case json.Unmarshal(raw, &s) == nil:
		s = strings.TrimSpace(s)
		if f := strings.Fields(s); len(f) > 0 {
			s = f[0] // "429 Too Many Requests"
		}
	}
	code, err := strconv.Atoi(s)
	if err != nil || code < 100 || code > 599 {
		r.note("status %s is not an HTTP status code; ignored", quoteShort(string(raw)))
		return
	}
	r.Status = code
}

// addJSONHeaders reads a nested "headers" value: an object, or a HAR list.
func (r *Response) addJSONHeaders(raw json.RawMessage) {
	var list []struct {
		Name  *string
		Value json.RawMessage
	}
	if json.Unmarshal(raw, &list) == nil {
		for i, h := range list {
			if h.Name == nil {
				r.note("headers[%d] has no name; skipped", i)
				continue
			}
			r.addJSONValue(*h.Name, h.Value)
		}
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		r.note("\"headers\" is neither an object nor a list; skipped")
		return
	}
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return
		}
		key, _ := keyTok.(string)
		r.addJSONValue(key, v)
	}
}

// addJSONValue adds a header whose value is a string, number or array.
func (r *Response) addJSONValue(name string, raw json.RawMessage) {
	if !isToken(name) {
		r.note("key %s is not a header name; skipped", quoteShort(name))
		return
	}
	if v, ok := scalarString(raw); ok {
		r.Header.Add(name, v)
		return
	}
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) == nil {
		for _, x := range arr {
			if v, ok := scalarString(x); ok {
				r.Header.Add(name, v)
			} else {
				r.note("header %s: value %s is not a string or number; skipped", name, quoteShort(string(x)))
			}
		}
		return
	}
	r.note("header %s: value %s is not a string, number or list; skipped", name, quoteShort(string(raw)))
}

func scalarString(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var n json.Number
	if dec.Decode(&n) == nil {
		return n.String(), true
	}
	return "", false
}

// partialJSON keeps what was read before a JSON error when that was
// something, so a truncated paste still gets a verdict; otherwise it fails.
func partialJSON(resp Response, read int, data []byte, dec *json.Decoder, err error) (Response, error) {
	if read == 0 {
		return Response{}, jsonError(data, dec, err)
	}
	resp.note("the JSON object is cut off or broken after %d %s (%v); used what was read", read, map[bool]string{true: "key", false: "keys"}[read == 1], errors.Unwrap(jsonError(data, dec, err)))
	resp.finishNotes()
	return resp, nil
}

// jsonError turns a decoder error into "line N: invalid JSON: …".
func jsonError(data []byte, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of input")
		offset = int64(len(data))
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	return fmt.Errorf("line %d: invalid JSON: %w", line, err)
}
