// Package paste reads what people paste when they ask why a request failed,
// in whichever form it comes: a response as curl -i prints it, bare header
// lines, a JSON error body or only its inner error object, a JSON object of
// headers, a browser's HAR export, an error line from Claude Code or a log,
// an SDK's printed error (Python, Node, Go), or any of these inside a
// JSON-escaped string. It finds the HTTP status, the headers and the body,
// says which form it read, and never takes a body for headers.
//
// It is pure: bytes in, a Response or a one-line error out. What the
// response means is package diagnose's business.
package paste

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxInput caps how much of a paste is read. A response that matters is a
// few kilobytes of headers and a short error body; a multi-MB paste is almost
// surely a success body, of which the headers, read first, are all that
// count.
const MaxInput = 8 << 20

// Response is one HTTP response as far as the paste shows it.
type Response struct {
	// Form is how the paste was written.
	Form Form
	// Status is the HTTP status, 0 when the paste does not show one.
	Status int
	// Proto is the protocol of a status line ("HTTP/2"), empty if none.
	Proto  string
	Header Header
	Body   []byte
	// Message is what a client printed instead of the response: Claude
	// Code's "Request rejected (429) · Rate limited", its usage-limit lines
	// ("You've hit your limit · resets 6pm (Europe/Berlin)").
	Message string
	// Truncated is set when the paste was longer than MaxInput and only its
	// start was read.
	Truncated bool
	// Notes are problems found while reading and choices made: skipped
	// lines, repeated headers, a missing end of headers, which HAR entry was
	// read.
	Notes []string
}

// ErrEmpty is returned for a paste with nothing but white space.
var ErrEmpty = errors.New("empty input: " + expected)

// expected says what a paste can be, for errors.
const expected = "expected an HTTP response (curl -i), response headers, an API error body (JSON), " +
	`or an error line such as "API Error: 429 {…}"`

// Read reads at most MaxInput bytes of r and parses them.
func Read(r io.Reader) (Response, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return Response{}, fmt.Errorf("reading the input: %w", err)
	}
	truncated := len(data) > MaxInput
	if truncated {
		data = data[:MaxInput]
	}
	resp, err := Parse(data)
	if err != nil {
		return Response{}, err
	}
	if truncated {
		resp.Truncated = true
		resp.Notes = append(resp.Notes, fmt.Sprintf("input is larger than %d MiB; read only the first %d MiB", MaxInput>>20, MaxInput>>20))
	}
	return resp, nil
}

// Parse reads a paste already in memory, trying each form in turn. Errors
// are one line, starting "line N: " where a line is at fault.
func Parse(data []byte) (Response, error) { return parse(data, 0) }

// maxDepth bounds how deep a JSON-escaped paste may nest in another.
const maxDepth = 3

func parse(data []byte, depth int) (Response, error) {
	data = prepare(data)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return Response{}, ErrEmpty
	}
	switch c := trimmed[0]; {
	case c == '{' || c == '[':
		return readJSON(data, trimmed, depth)
	case c == '"' && depth < maxDepth:
		return readJSONString(trimmed, depth)
	case len(trimmed) >= 5 && bytes.EqualFold(trimmed[:5], []byte("HTTP/")):
		return readRaw(data)
	case isCurlVerbose(trimmed):
		return readCurlVerbose(data)
	case isGoDump(trimmed):
		return readGoDump(trimmed)
	}
	first := firstLine(trimmed)
	if startsHeaderBlock(first) {
		return readHeaderBlock(data)
	}
	if resp, ok := readText(data, depth); ok {
		return resp, nil
	}
	return Response{}, fmt.Errorf("line %d: not a response tierplan can read: %s; got %s",
		lineOf(data, trimmed), expected, quote(first))
}

// lineOf is the 1-based line of data at which sub (a suffix of data) starts.
func lineOf(data, sub []byte) int {
	return 1 + bytes.Count(data[:len(data)-len(sub)], []byte("\n"))
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(bytes.TrimRight(b, "\r"))
}
