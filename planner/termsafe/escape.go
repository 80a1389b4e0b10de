// Package termsafe makes text that came from outside the program (a pasted
// response, a server's headers, an error from the network) safe to show on a
// terminal. A terminal acts on what it is sent: an escape sequence can clear
// the screen, retitle the window or hide what follows, a bidirectional
// override can make text read in an order other than the bytes', and invalid
// UTF-8 can swallow the characters after it. Escape turns every such
// character into a visible escape, so what the user sees is what was there.
//
// Every command that prints text from outside goes through this package: one
// rule, one place, one set of tests.
package termsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character a terminal could act on written as
// a visible escape: C0 controls and DEL as \n, \t, \r or \xNN; C1 controls,
// bidirectional formatting characters and the Unicode line and paragraph
// separators as \uNNNN; each byte of invalid UTF-8 as \xNN. Everything else,
// backslashes included, is kept, so Escape is idempotent: escaping twice
// gives the same text as escaping once.
func Escape(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r < 0x80 && unsafeASCII(byte(r)):
			writeASCIIEscape(&b, byte(r))
		case r >= 0x80 && unsafeRune(r):
			b.WriteString(`\u`)
			u := strconv.FormatUint(uint64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(u)) + u)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Line is Escape for a value shown on one line: runs of spaces are kept, but
// the text is cut to at most max runes (max <= 0: no cut) with "…" marking
// the cut. The cut is made before escaping, so an escape is never split.
func Line(s string, max int) string {
	if max > 0 && utf8.RuneCountInString(s) > max {
		cut := 0
		for i := range s {
			if cut == max {
				s = s[:i]
				break
			}
			cut++
		}
		return Escape(s) + "…"
	}
	return Escape(s)
}

// Quote is Line in double quotes, for naming a value inside a message:
// header retry-after: "soon" is neither … The quotes make an empty or
// space-only value visible.
func Quote(s string, max int) string {
	return `"` + Line(s, max) + `"`
}

// safe reports whether s needs no escaping, the common case, without
// allocating.
func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			if unsafeASCII(c) {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return false
		}
		i += size - 1
	}
	return true
}

func unsafeASCII(c byte) bool { return c < 0x20 || c == 0x7f }

// unsafeRune reports the non-ASCII runes a terminal acts on or that change
// how the surrounding text is ordered or broken.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls: 0x9b is a one-byte CSI
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides, isolates and marks
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

func writeASCIIEscape(b *strings.Builder, c byte) {
	switch c {
	case '\n':
		b.WriteString(`\n`)
	case '\t':
		b.WriteString(`\t`)
	case '\r':
		b.WriteString(`\r`)
	default:
		b.WriteString(`\x`)
		b.WriteString(hex2(c))
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
