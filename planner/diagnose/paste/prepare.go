package paste

import (
	"bytes"
	"strings"
)

// prepare drops a byte-order mark and blanks what wraps a paste without
// being part of it: "#" comment lines before it, and the Markdown code
// fences (```) around a paste copied from an issue. Blanked lines keep their
// place, so line numbers in errors still count the user's lines. The input
// is copied only when something is blanked.
func prepare(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []byte
	blank := func(from, to int) {
		if out == nil {
			out = append([]byte(nil), data...)
		}
		for i := from; i < to; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	pos := 0
	for pos < len(data) {
		line, next := readLine(data, pos)
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "```") {
			break
		}
		blank(pos, next)
		pos = next
	}
	// A closing fence: the last line that is not blank.
	end := len(bytes.TrimRight(data, " \t\r\n"))
	if start := bytes.LastIndexByte(data[:end], '\n') + 1; start >= pos && start < end &&
		bytes.HasPrefix(bytes.TrimSpace(data[start:end]), []byte("```")) {
		blank(start, end)
	}
	if out == nil {
		return data
	}
	return out
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
