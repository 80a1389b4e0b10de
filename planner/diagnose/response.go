// Package diagnose explains an HTTP response from the Anthropic API: was it a
// rate limit (and which bucket ran dry), an overload, a spend cap, or not a
// limit at all, and what to do about it. It is pure: it parses text the user
// pasted (curl -i output, a JSON object of headers, or a status and header
// list) and decides from the status, the anthropic-ratelimit-* headers and the
// error body, against a reference time the caller supplies.
package diagnose

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// MaxInput caps how much of a pasted response is read. A response that
// matters is a few kilobytes of headers and a short error body; a multi-MB
// paste is almost surely a success body, of which the headers, read first,
// are all that count.
const MaxInput = 8 << 20

// maxNotes caps parse notes so a garbage paste cannot produce a garbage
// report of thousands of lines.
const maxNotes = 10

// Response is one HTTP response as far as it could be read. Status is 0 when
// the input carried none (a bare header list).
type Response struct {
	Status int
	// Proto is the protocol of the status line ("HTTP/2"), empty if none.
	Proto  string
	Header Header
	Body   []byte
	// HasBody reports whether a body section was present (even if empty).
	HasBody bool
	// Truncated is set when the input was longer than MaxInput and only its
	// start was read.
	Truncated bool
	// Notes are problems found while parsing: skipped lines, duplicated
	// headers, a missing end of headers.
	Notes []string
	// droppedNotes counts notes beyond maxNotes.
	droppedNotes int
}

// Header maps lower-case header names to their values in the order seen.
// HTTP header names are case-insensitive and users paste them in any case
// (HTTP/2 lower, HTTP/1.1 Title-Case), so they are folded once, here.
type Header map[string][]string

// Get returns the first value of name (any case) and whether it was present.
func (h Header) Get(name string) (string, bool) {
	v, ok := h[strings.ToLower(name)]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// Add appends a value under the folded name.
func (h Header) Add(name, value string) {
	k := strings.ToLower(strings.TrimSpace(name))
	h[k] = append(h[k], strings.TrimSpace(value))
}

// Names returns the header names, sorted.
func (h Header) Names() []string {
	out := make([]string, 0, len(h))
	for k := range h {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (r *Response) note(format string, a ...any) {
	if len(r.Notes) >= maxNotes {
		r.droppedNotes++
		return
	}
	r.Notes = append(r.Notes, fmt.Sprintf(format, a...))
}

// finishNotes adds the count of notes that did not fit, and notes headers
// that appear more than once with different values (the diagnosis uses the
// first).
func (r *Response) finishNotes() {
	for _, name := range r.Header.Names() {
		vals := r.Header[name]
		for _, v := range vals[1:] {
			if v != vals[0] {
				r.note("header %s appears %d times with different values; used the first (%s)",
					name, len(vals), quoteShort(vals[0]))
				break
			}
		}
	}
	if r.droppedNotes > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("… and %d more parse problems", r.droppedNotes))
		r.droppedNotes = 0
	}
}

// ErrEmpty is returned for input with nothing but white space.
var ErrEmpty = errors.New("empty input: expected an HTTP response (curl -i), a JSON object of headers, or header lines")

// ParseResponse reads at most MaxInput bytes of r and parses them as a raw
// HTTP response (curl -i / curl -sD - output), a JSON object of headers, or
// bare "name: value" header lines, whichever the input looks like.
func ParseResponse(r io.Reader) (Response, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return Response{}, fmt.Errorf("reading the response: %w", err)
	}
	truncated := len(data) > MaxInput
	if truncated {
		data = data[:MaxInput]
	}
	resp, err := ParseBytes(data)
	if err != nil {
		return Response{}, err
	}
	if truncated {
		resp.Truncated = true
		resp.Notes = append(resp.Notes, fmt.Sprintf("input is larger than %d MiB; read only the first %d MiB", MaxInput>>20, MaxInput>>20))
	}
	return resp, nil
}

// ParseBytes parses a whole input already in memory; see ParseResponse.
func ParseBytes(data []byte) (Response, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return Response{}, ErrEmpty
	case trimmed[0] == '{':
		return parseJSONHeaders(trimmed)
	case len(trimmed) >= 5 && bytes.EqualFold(trimmed[:5], []byte("HTTP/")):
		return parseRaw(data)
	case looksLikeHeaderLine(firstLine(trimmed)):
		return parseHeaderBlock(data)
	}
	return Response{}, fmt.Errorf("line 1: not an HTTP response: expected a status line such as \"HTTP/1.1 429 Too Many Requests\", a JSON object of headers, or \"name: value\" header lines; got %s",
		quoteShort(firstLine(trimmed)))
}

// quoteShort quotes s for a message, cut to a readable length.
func quoteShort(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) > max {
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return strings.TrimRight(string(b), "\r")
}
