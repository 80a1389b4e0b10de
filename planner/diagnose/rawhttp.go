package diagnose

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// parseRaw parses curl -i / curl -sD - output: one or more header blocks,
// each a status line and headers ending in a blank line, then the body.
// Interim blocks (100 Continue, a proxy's "200 Connection established", or a
// redirect followed with -L) are skipped: the last block is the response.
func parseRaw(data []byte) (Response, error) {
	resp := Response{Header: Header{}}
	pos, lineNo := skipBlankLines(data, 0, 0)
	for {
		line, next := readLine(data, pos)
		lineNo++
		proto, status, err := parseStatusLine(line)
		if err != nil {
			return Response{}, fmt.Errorf("line %d: %w", lineNo, err)
		}
		// lineNo is assigned, not redeclared: a := here shadowed it, and the
		// line numbers after an interim response restarted from the first.
		var hdr Header
		var ended bool
		hdr, next, lineNo, ended = readHeaders(&resp, data, next, lineNo)
		if after, afterLine := skipBlankLines(data, next, lineNo); ended && hasStatusLinePrefix(data[after:]) {
			resp.note("skipped the interim response %s before the final one", quoteShort(strings.TrimSpace(line)))
			pos, lineNo = after, afterLine
			continue
		}
		resp.Proto, resp.Status, resp.Header = proto, status, hdr
		if !ended {
			resp.note("the input ends inside the headers (no blank line after them): the response may be truncated, and no body was read")
		} else {
			resp.Body = data[next:]
		}
		break
	}
	resp.finishNotes()
	return resp, nil
}

// parseHeaderBlock parses bare "name: value" lines, as copied from a
// browser's network panel or a log; the status is unknown unless an HTTP/2
// ":status" pseudo-header gives it. A blank line starts the body.
func parseHeaderBlock(data []byte) (Response, error) {
	resp := Response{Header: Header{}}
	pos, lineNo := skipBlankLines(data, 0, 0)
	hdr, next, _, ended := readHeaders(&resp, data, pos, lineNo)
	resp.Header = hdr
	if ended {
		resp.Body = data[next:]
	}
	if s, ok := hdr.Get(":status"); ok {
		if n, err := strconv.Atoi(s); err == nil && n >= 100 && n <= 599 {
			resp.Status = n
		} else {
			resp.note(":status %s is not an HTTP status code; ignored", quoteShort(s))
		}
	}
	resp.finishNotes()
	return resp, nil
}

// readHeaders reads header lines from pos until a blank line (ended=true) or
// the end of data. Lines that are not headers are skipped with a note;
// obsolete folded lines (starting with a space or tab) continue the previous
// value.
func readHeaders(resp *Response, data []byte, pos, lineNo int) (Header, int, int, bool) {
	hdr := Header{}
	last := ""
	for pos < len(data) {
		line, next := readLine(data, pos)
		lineNo++
		pos = next
		if strings.TrimSpace(line) == "" {
			return hdr, pos, lineNo, true
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vals := hdr[last]
			vals[len(vals)-1] = strings.TrimSpace(vals[len(vals)-1] + " " + strings.TrimSpace(line))
			continue
		}
		name, value, ok := splitHeaderLine(line)
		if !ok {
			resp.note("line %d: not a header line, skipped: %s", lineNo, quoteShort(line))
			last = ""
			continue
		}
		hdr.Add(name, value)
		last = strings.ToLower(name)
	}
	return hdr, pos, lineNo, false
}

// readLine returns the line starting at pos without its line ending (LF or
// CRLF) and the position after it.
func readLine(data []byte, pos int) (string, int) {
	rest := data[pos:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		return strings.TrimSuffix(string(rest), "\r"), len(data)
	}
	return strings.TrimSuffix(string(rest[:i]), "\r"), pos + i + 1
}

// skipBlankLines moves pos past empty lines, counting them.
func skipBlankLines(data []byte, pos, lineNo int) (int, int) {
	for pos < len(data) {
		line, next := readLine(data, pos)
		if strings.TrimSpace(line) != "" {
			break
		}
		pos, lineNo = next, lineNo+1
	}
	return pos, lineNo
}

// hasStatusLinePrefix reports whether b starts like a status line.
func hasStatusLinePrefix(b []byte) bool {
	return len(b) >= 6 && bytes.EqualFold(b[:5], []byte("HTTP/")) && b[5] >= '0' && b[5] <= '9'
}

// parseStatusLine parses "HTTP/1.1 429 Too Many Requests", "HTTP/2 529" and
// the like; the reason phrase is optional.
func parseStatusLine(line string) (proto string, status int, err error) {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return "", 0, fmt.Errorf("malformed status line %s: no status code", quoteShort(line))
	}
	proto = fields[0]
	if !validProto(proto) {
		return "", 0, fmt.Errorf("malformed status line %s: unknown protocol %s", quoteShort(line), quoteShort(proto))
	}
	code := fields[1]
	if len(code) != 3 || strings.Trim(code, "0123456789") != "" {
		return "", 0, fmt.Errorf("malformed status line %s: %s is not a three-digit status code", quoteShort(line), quoteShort(code))
	}
	status, _ = strconv.Atoi(code)
	if status < 100 || status > 599 {
		return "", 0, fmt.Errorf("malformed status line %s: status %d is outside 100-599", quoteShort(line), status)
	}
	return strings.ToUpper(proto), status, nil
}

// validProto accepts HTTP/1.0, HTTP/1.1, HTTP/2, HTTP/2.0, HTTP/3.
func validProto(p string) bool {
	if len(p) < 6 || !strings.EqualFold(p[:5], "HTTP/") {
		return false
	}
	v := p[5:]
	switch {
	case len(v) == 1:
		return v[0] >= '0' && v[0] <= '9'
	case len(v) == 3:
		return v[0] >= '0' && v[0] <= '9' && v[1] == '.' && v[2] >= '0' && v[2] <= '9'
	}
	return false
}

// splitHeaderLine splits "name: value". Names are RFC 9110 tokens; an
// HTTP/2 pseudo-header (":status") is accepted with its leading colon.
func splitHeaderLine(line string) (name, value string, ok bool) {
	start := 0
	if strings.HasPrefix(line, ":") {
		start = 1
	}
	i := strings.IndexByte(line[start:], ':')
	if i <= 0 {
		return "", "", false
	}
	name = line[:start+i]
	if !isToken(name[start:]) {
		return "", "", false
	}
	return name, strings.TrimSpace(line[start+i+1:]), true
}

// looksLikeHeaderLine reports whether a line can start a bare header list.
func looksLikeHeaderLine(line string) bool {
	_, _, ok := splitHeaderLine(line)
	return ok
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
