package usage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// jsonScanner walks one JSON text and validates it strictly (RFC 8259)
// without building a tree: a transcript line needs a dozen short fields,
// and the rest of it (message text, tool input) is only checked and passed
// over. Building the whole tree of every assistant line was a quarter of
// the time of a read; skipping costs one pass over the bytes, strings
// eight bytes at a time.
type jsonScanner struct {
	b []byte
	i int
	// nonASCII is set once a string held a byte of 0x80 or more, so the
	// caller checks UTF-8 only on the lines that need it.
	nonASCII bool
	depth    int
}

// maxJSONDepth bounds nesting, so a line of a million '[' is an error, not
// a deep recursion.
const maxJSONDepth = 300

var errJSONEnd = errors.New("unexpected end of JSON")

func (s *jsonScanner) reset(b []byte) { *s = jsonScanner{b: b} }

func (s *jsonScanner) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", s.i, fmt.Sprintf(format, args...))
}

func (s *jsonScanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (s *jsonScanner) peek() byte {
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

// swarZero flags the bytes of x that are zero (exact as a whole: nonzero
// if and only if some byte is zero).
func swarZero(x uint64) uint64 { return (x - swarOnes) &^ x & swarHigh }

// str reads a string at s.i (which holds '"') and returns the span of its
// raw contents and whether they hold escapes.
func (s *jsonScanner) str() (start, end int, escaped bool, err error) {
	b := s.b
	i := s.i + 1
	start = i
	high := uint64(swarHigh)
	if s.nonASCII {
		high = 0
	}
	for {
		for i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			m := swarZero(x^swarQuote) | swarZero(x^swarSlash) | ((x - swarSpace) &^ x & swarHigh) | x&high
			if m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(b) {
			s.i = i
			return 0, 0, false, errJSONEnd
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
				return 0, 0, false, errJSONEnd
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

// value passes over one value at s.i, checking it.
func (s *jsonScanner) value() error {
	switch c := s.peek(); {
	case c == '{':
		return s.skipObject()
	case c == '[':
		return s.skipArray()
	case c == '"':
		_, _, _, err := s.str()
		return err
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, err := s.number()
		return err
	case c == 0 && s.i >= len(s.b):
		return errJSONEnd
	default:
		return s.errorf("unexpected %q", c)
	}
}

func (s *jsonScanner) literal(word string) error {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return s.errorf("unexpected %q", s.b[s.i])
	}
	s.i += len(word)
	return nil
}

// number reads a number at s.i and returns its text.
func (s *jsonScanner) number() ([]byte, error) {
	b, start := s.b, s.i
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		s.i = i
		return nil, s.errorf("bad number")
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			s.i = i
			return nil, s.errorf("bad number")
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.i = i
			return nil, s.errorf("bad number")
		}
	}
	s.i = i
	return b[start:i], nil
}

func (s *jsonScanner) enter() error {
	s.depth++
	if s.depth > maxJSONDepth {
		return s.errorf("nested deeper than %d", maxJSONDepth)
	}
	s.i++ // the '{' or '['
	return nil
}

// member moves to the next member of the object being read, the n-th
// (from 0), and returns its key's raw span; ok is false at the object's
// end, which it consumes.
func (s *jsonScanner) member(n int) (key []byte, escaped, ok bool, err error) {
	c := s.peek()
	if c == '}' {
		s.i++
		s.depth--
		return nil, false, false, nil
	}
	if n > 0 {
		if c != ',' {
			return s.unexpected("',' or '}'")
		}
		s.i++
		c = s.peek()
	}
	if c != '"' {
		return s.unexpected("a key")
	}
	start, end, escaped, err := s.str()
	if err != nil {
		return nil, false, false, err
	}
	if s.peek() != ':' {
		return s.unexpected("':'")
	}
	s.i++
	s.skipSpace()
	return s.b[start:end], escaped, true, nil
}

func (s *jsonScanner) unexpected(want string) ([]byte, bool, bool, error) {
	if s.i >= len(s.b) {
		return nil, false, false, errJSONEnd
	}
	return nil, false, false, s.errorf("unexpected %q, want %s", s.b[s.i], want)
}

func (s *jsonScanner) skipObject() error {
	if err := s.enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		_, _, ok, err := s.member(n)
		if err != nil || !ok {
			return err
		}
		if err := s.value(); err != nil {
			return err
		}
	}
}

func (s *jsonScanner) skipArray() error {
	if err := s.enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		ok, err := s.element(n)
		if err != nil || !ok {
			return err
		}
		if err := s.value(); err != nil {
			return err
		}
	}
}

// element moves to the n-th element of the array being read; ok is false
// at the array's end, which it consumes.
func (s *jsonScanner) element(n int) (bool, error) {
	c := s.peek()
	if c == ']' && n == 0 {
		s.i++
		s.depth--
		return false, nil
	}
	if n == 0 {
		return true, nil
	}
	switch c {
	case ']':
		s.i++
		s.depth--
		return false, nil
	case ',':
		s.i++
		if s.peek() == ']' {
			return false, s.errorf("unexpected ']' after ','")
		}
		return true, nil
	case 0:
		return false, errJSONEnd
	}
	return false, s.errorf("unexpected %q, want ',' or ']'", c)
}

// end checks that nothing but white space follows the value.
func (s *jsonScanner) end() error {
	if s.peek() != 0 || s.i < len(s.b) {
		return s.errorf("unexpected %q after the value", s.b[s.i])
	}
	return nil
}
