package paste

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readJSONHeaders reads a JSON object of headers, as scripts and SDK logs
// dump them: {"retry-after": "30", "anthropic-ratelimit-requests-limit":
// ["50"], …}. Values may be strings, numbers or arrays of them. Optional
// keys: "status" (number or string), "headers" (a nested object, or a HAR
// list of {"name","value"}), "body" (string or object) and HAR's
// "content": {"text"}. The object is read token by token so repeated keys
// are kept, not silently collapsed.
func readJSONHeaders(data []byte) (Response, error) {
	var n notes
	resp := Response{Form: FormJSONHeaders, Header: Header{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the opening brace
		return Response{}, jsonError(data, dec, err)
	}
	read := 0
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return partialJSON(resp, &n, read, data, dec, err)
		}
		key, _ := keyTok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return partialJSON(resp, &n, read, data, dec, err)
		}
		read++
		resp.addJSONField(&n, key, raw)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return partialJSON(resp, &n, read, data, dec, err)
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		n.add("text after the JSON object ignored")
	}
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, nil
}

// addJSONField files one top-level key of the object.
func (r *Response) addJSONField(n *notes, key string, raw json.RawMessage) {
	switch strings.ToLower(key) {
	case "status", ":status", "status_code", "statuscode":
		r.setJSONStatus(n, raw)
	case "headers":
		r.addJSONHeaders(n, raw)
	case "body", "data":
		var s string
		if json.Unmarshal(raw, &s) == nil {
			r.Body = []byte(s)
		} else {
			r.Body = append([]byte(nil), raw...)
		}
	case "error": // an error body's object next to the headers
		r.Body = append(append([]byte(`{"error":`), raw...), '}')
	case "content":
		var c struct{ Text string }
		if json.Unmarshal(raw, &c) == nil && c.Text != "" {
			r.Body = []byte(c.Text)
		}
	default:
		r.addJSONValue(n, key, raw)
	}
}

func (r *Response) setJSONStatus(n *notes, raw json.RawMessage) {
	var num json.Number
	var s string
	switch {
	case json.Unmarshal(raw, &num) == nil:
		s = num.String()
	case json.Unmarshal(raw, &s) == nil:
		s = firstField(s) // "429 Too Many Requests"
	}
	code, ok := statusCode(s)
	if !ok {
		n.add("status %s is not an HTTP status code; ignored", quote(string(raw)))
		return
	}
	r.Status = code
}

// addJSONHeaders reads a nested "headers" value: an object, or a HAR list.
func (r *Response) addJSONHeaders(n *notes, raw json.RawMessage) {
	var list []struct {
		Name  *string
		Value json.RawMessage
	}
	if json.Unmarshal(raw, &list) == nil {
		for i, h := range list {
			if h.Name == nil {
				n.add("headers[%d] has no name; skipped", i)
				continue
			}
			r.addJSONValue(n, *h.Name, h.Value)
		}
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		n.add("\"headers\" is neither an object nor a list; skipped")
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
		r.addJSONValue(n, key, v)
	}
}

// addJSONValue adds a header whose value is a string, number or array.
func (r *Response) addJSONValue(n *notes, name string, raw json.RawMessage) {
	if !isToken(name) {
		n.add("key %s is not a header name; skipped", quote(name))
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
				n.add("header %s: value %s is not a string or number; skipped", name, quote(string(x)))
			}
		}
		return
	}
	n.add("header %s: value %s is not a string, number or list; skipped", name, quote(string(raw)))
}

func scalarString(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var num json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&num) == nil {
		return num.String(), true
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return strconv.FormatBool(b), true
	}
	return "", false
}

// partialJSON keeps what was read before a JSON error when that was
// something, so a truncated paste still gets a verdict; otherwise it fails.
func partialJSON(resp Response, n *notes, read int, data []byte, dec *json.Decoder, err error) (Response, error) {
	if read == 0 {
		return Response{}, jsonError(data, dec, err)
	}
	keys := "keys"
	if read == 1 {
		keys = "key"
	}
	n.add("the JSON object is cut off or broken after %d %s (%v); used what was read", read, keys, errors.Unwrap(jsonError(data, dec, err)))
	resp.Notes = finishNotes(n, resp.Header)
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
