// Package jsonscan walks a JSON text and validates it strictly (RFC 8259)
// without building a tree, so a reader can pick the few members it needs
// and pass over the rest at the cost of one pass over the bytes: strings
// are scanned eight bytes at a time. It exists because decoding the whole
// tree of every transcript line was a quarter of the time of reading logs.
package jsonscan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// Scanner walks one JSON text. Its methods read at its position and move
// past what they read; the first error ends the walk.
type Scanner struct {
	b []byte
	i int
	// nonASCII is set once a string held a byte of 0x80 or more, so the
	// caller checks UTF-8 only on the texts that need it.
	nonASCII bool
	depth    int
}

// Pos is the scanner's position in its text.
func (s *Scanner) Pos() int { return s.i }

// NonASCII reports whether a string read so far held a byte of 0x80 or
// more.
func (s *Scanner) NonASCII() bool { return s.nonASCII }

// MaxDepth bounds nesting, so a text of a million '[' is an error, not a
// deep recursion.
const MaxDepth = 300

// ErrEnd is the error of a text cut short.
var ErrEnd = errors.New("unexpected end of JSON")

// Reset starts a walk of b.
func (s *Scanner) Reset(b []byte) { *s = Scanner{b: b} }

func (s *Scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", s.i, fmt.Sprintf(format, args...))
}

// skipSpace passes over white space. Transcripts are written without
// any: the first byte, above ' ', usually ends it.
func (s *Scanner) skipSpace() {
	for s.i < len(s.b) && s.b[s.i] <= ' ' {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// Peek returns the next byte after white space, or 0 at the end.
func (s *Scanner) Peek() byte {
	s.skipSpace()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

const (
	swarOnes  = 0x0101010101010101
	swarHigh  = 0x8080808080808080
	swarQuote = '"' * swarOnes
	swarSlash = '\\' * swarOnes
	swarSpace = 0x20 * swarOnes
)

// special flags the bytes of x a string scan stops at: a quote, a
// backslash, a control character, and (high set) a byte of 0x80 or more.
// The lowest flagged byte is always one of them (a borrow may flag bytes
// above it too); no flag, none of them.
func special(x, high uint64) uint64 {
	q, bs := x^swarQuote, x^swarSlash
	return ((q-swarOnes)&^q|(bs-swarOnes)&^bs|(x-swarSpace)&^x)&swarHigh | x&high
}

// Str reads a string at the position (which holds '"') and returns the span of its
// raw contents and whether they hold escapes.
func (s *Scanner) Str() (start, end int, escaped bool, err error) {
	b := s.b
	i := s.i + 1
	start = i
	high := uint64(swarHigh)
	if s.nonASCII {
		high = 0
	}
	for {
		for i+8 <= len(b) {
			if m := special(binary.LittleEndian.Uint64(b[i:]), high); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(b) {
			s.i = i
			return 0, 0, false, ErrEnd
		}
		c := b[i]
		switch {
		case c == '"':
			s.i = i + 1
			return start, i, escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(b) {
				s.i = i
				return 0, 0, false, ErrEnd
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) || !isHex4(b[i+2:i+6]) {
					s.i = i
					return 0, 0, false, s.errorf("bad \\u escape in string")
				}
				i += 6
			default:
				s.i = i
				return 0, 0, false, s.errorf("bad escape \\%c in string", b[i+1])
			}
		case c < 0x20:
			s.i = i
			return 0, 0, false, s.errorf("control character 0x%02x in string", c)
		default: // a byte of 0x80 or more, or a position the word test over-flagged
			if c >= 0x80 {
				s.nonASCII = true
				high = 0
			}
			i++
		}
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
