package termsafe

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
)

// firstEncoded is where the first character Encoded escapes begins in b,
// or -1. Reports are nearly all ASCII below DEL, which it passes over
// eight bytes at a time: a word holds a byte of 0x7f or more exactly when
// one of its bytes, or that byte plus one, has its high bit set (a carry
// out of one byte only comes from a byte that has it already).
func firstEncoded(b []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			if w := binary.LittleEndian.Uint64(b[i:]); (w|(w+ones))&highs == 0 {
				i += 8
				continue
			}
		}
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && unsafeRune(r)) {
			return i
		}
		i += size
	}
	return -1
}

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
	start := firstEncoded(b)
	if start < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:start]...)
	for i := start; i < len(b); {
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
