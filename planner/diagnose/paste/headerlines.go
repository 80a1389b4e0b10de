package paste

import (
	"strconv"
	"strings"
)

// headerReader reads header lines into a Header. Obsolete folded lines
// (starting with a space or tab) continue the previous value; the parts are
// kept and joined once, when the value is complete, so a paste of many
// folded lines is read in linear time (joining on every line copied the
// growing value each time: an 8 MB paste took minutes).
type headerReader struct {
	hdr     Header
	n       *notes
	lastKey string
	parts   []string
	// colon and equals count the lines in each style, to name the form.
	colon, equals int
}

func newHeaderReader(n *notes) *headerReader { return &headerReader{hdr: Header{}, n: n} }

// line reads one non-blank line.
func (r *headerReader) line(line string, lineNo int) {
	if (line[0] == ' ' || line[0] == '\t') && r.lastKey != "" {
		if part := strings.TrimSpace(line); part != "" {
			r.parts = append(r.parts, part)
		}
		return
	}
	r.flush()
	name, value, equals, ok := splitHeader(line)
	if !ok {
		r.n.add("line %d: not a header line, skipped: %s", lineNo, quote(line))
		return
	}
	if equals {
		r.equals++
	} else {
		r.colon++
	}
	r.hdr.Add(name, value)
	r.lastKey = strings.ToLower(name)
	r.parts = append(r.parts[:0], strings.TrimSpace(value))
}

// flush writes the last value with its folded parts, if any.
func (r *headerReader) flush() {
	if r.lastKey != "" && len(r.parts) > 1 {
		vals := r.hdr[r.lastKey]
		vals[len(vals)-1] = strings.Join(r.parts, " ")
	}
	r.lastKey, r.parts = "", r.parts[:0]
}

// readHeaders reads header lines from pos until a blank line (ended=true) or
// the end of data.
func readHeaders(n *notes, data []byte, pos, lineNo int) (r *headerReader, next, lines int, ended bool) {
	r = newHeaderReader(n)
	for pos < len(data) {
		line, after := readLine(data, pos)
		lineNo++
		pos = after
		if strings.TrimSpace(line) == "" {
			r.flush()
			return r, pos, lineNo, true
		}
		r.line(line, lineNo)
	}
	r.flush()
	return r, pos, lineNo, false
}

// readHeaderBlock reads bare header lines, as copied from a browser's
// network panel, a log or a debugger: "name: value" or "Name = value". The
// status is unknown unless an HTTP/2 ":status" or a CGI "Status" line gives
// it. A blank line starts the body.
func readHeaderBlock(data []byte) (Response, error) {
	var n notes
	pos, lineNo := skipBlankLines(data, 0, 0)
	r, next, _, ended := readHeaders(&n, data, pos, lineNo)
	resp := Response{Form: FormHeaderLines, Header: r.hdr}
	if r.equals > r.colon {
		resp.Form = FormHeaderEquals
	}
	if ended {
		resp.Body = data[next:]
	}
	for _, name := range []string{":status", "status"} {
		s, ok := r.hdr.Get(name)
		if !ok {
			continue
		}
		if code, ok := statusCode(firstField(s)); ok {
			resp.Status = code
			break
		}
		n.add("%s %s is not an HTTP status code; ignored", name, quote(s))
	}
	resp.Notes = finishNotes(&n, resp.Header)
	return resp, nil
}

// startsHeaderBlock reports whether a first line starts a bare header list:
// a header line that is not an error line such as "Error: 429 {…}" (whose
// "name" is the word Error) — except "Status: 429 …", a CGI status header.
func startsHeaderBlock(line string) bool {
	name, value, _, ok := splitHeader(line)
	if !ok || !(isLetter(name[0]) || name[0] == ':') {
		return false // a log's "2026-04-14T10:00:00Z …" is no header
	}
	if strings.EqualFold(name, "status") || name == ":status" {
		return true
	}
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(value), "Error code:"))
	if len(v) >= 3 {
		if _, isCode := statusCode(v[:3]); isCode && (len(v) == 3 || v[3] == ' ' || v[3] == '{' || v[3] == '-') {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// splitHeader splits "name: value" or "Name = value". Names are RFC 9110
// tokens; an HTTP/2 pseudo-header (":status") keeps its leading colon.
func splitHeader(line string) (name, value string, equals, ok bool) {
	if name, value, ok = splitColon(line); ok {
		return name, value, false, true
	}
	i := strings.IndexByte(line, '=')
	if i <= 0 {
		return "", "", false, false
	}
	name = strings.TrimRight(line[:i], " \t")
	if !isToken(name) {
		return "", "", false, false
	}
	return name, strings.TrimSpace(line[i+1:]), true, true
}

func splitColon(line string) (name, value string, ok bool) {
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

// statusCode reads a three-digit HTTP status, 100-599.
func statusCode(s string) (int, bool) {
	if len(s) != 3 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, n >= 100 && n <= 599
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// finishNotes adds a note for each header the diagnosis reads that appears
// more than once with different values (the first is used), and returns the
// notes.
func finishNotes(n *notes, h Header) []string {
	for _, name := range h.Names() {
		vals := h[name]
		if !diagnosticHeader(name) {
			continue
		}
		for _, v := range vals[1:] {
			if v != vals[0] {
				n.add("header %s appears %d times with different values; used the first (%s)", name, len(vals), quote(vals[0]))
				break
			}
		}
	}
	return n.done()
}
