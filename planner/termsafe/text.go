package termsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text is Escape for a whole report of many lines: line breaks are kept,
// everything else Escape escapes is escaped. Reports apply it to their
// final text, so a field from outside that no one thought to escape still
// cannot reach the terminal raw. It is idempotent, like Escape.
func Text(s string) string {
	if !strings.Contains(s, "\n") {
		return Escape(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Escape(l)
	}
	return strings.Join(lines, "\n")
}

// Safe reports whether s holds nothing a terminal could act on, so it can
// be shown as is.
func Safe(s string) bool { return safe(s) }

// Encoded escapes what an encoder (encoding/json, yaml.v3) leaves raw in
// its output although a terminal acts on it: DEL, C1 controls,
// bidirectional controls and the line and paragraph separators, each
// written as \uXXXX. Both JSON strings and double-quoted YAML read that
// escape back as the same character, so the data is unchanged; the caller
// makes sure such characters only occur inside those strings (JSON has no
// other place for them; for YAML, quote such scalars double).
func Encoded(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && unsafeRune(r)) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && unsafeRune(r)) {
			u := strconv.FormatUint(uint64(r), 16)
			out = append(out, `\u`...)
			out = append(out, strings.Repeat("0", 4-len(u))+u...)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
