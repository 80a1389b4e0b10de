package paste

import (
	"bytes"
	"fmt"
	"strings"
)

// readRaw reads curl -i / curl -sD - output: one or more header blocks,
// each a status line and headers ending in a blank line, then the body.
// Interim blocks (100 Continue, a proxy's "200 Connection established", or a
// redirect followed with -L) are skipped: the last block is the response.
func readRaw(data []byte) (Response, error) {
	var n notes
	resp := Response{Form: FormHTTP, Header: Header{}}
	pos, lineNo := skipBlankLines(data, 0, 0)
	for {
		line, next := readLine(data, pos)
		lineNo++
		proto, status, err := parseStatusLine(line)
		if err != nil {
			return Response{}, fmt.Errorf("line %d: %w", lineNo, err)
		}
		r, after, afterLine, ended := readHeaders(&n, data, next, lineNo)
		lineNo = afterLine
		if skip, skipLine := skipBlankLines(data, after, lineNo); ended && hasStatusLinePrefix(data[skip:]) {
			n.add("skipped the interim response %s before the final one", quote(strings.TrimSpace(line)))
			pos, lineNo = skip, skipLine
			continue
		}
		resp.Proto, resp.Status, resp.Header = proto, status, r.hdr
		if !ended {
			n.add("the input ends inside the headers (no blank line after them): the response may be truncated, and no body was read")
		} else {
			resp.Body = data[after:]
		}
		break
	}
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, nil
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
		return "", 0, fmt.Errorf("malformed status line %s: no status code", quote(line))
	}
	proto = fields[0]
	if !validProto(proto) {
		return "", 0, fmt.Errorf("malformed status line %s: unknown protocol %s", quote(line), quote(proto))
	}
	code := fields[1]
	if len(code) != 3 || strings.Trim(code, "0123456789") != "" {
		return "", 0, fmt.Errorf("malformed status line %s: %s is not a three-digit status code", quote(line), quote(code))
	}
	status, ok := statusCode(code)
	if !ok {
		return "", 0, fmt.Errorf("malformed status line %s: status %s is outside 100-599", quote(line), code)
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
