package paste

import (
	"bytes"
	"encoding/json"
)

// maxObject bounds the JSON value read from inside a text paste; an error
// body is a few hundred bytes, and a bound keeps a hostile paste linear.
const maxObject = 1 << 20

// objectAt reads the JSON value (object or array) starting at s[0], as a
// client printed it into a line of text. A terminal that wrapped the line
// put a line break and indentation inside it, often mid-string: when the
// value does not decode, those breaks are taken out and it is read again.
// It returns the value's bytes, how much of s it spans, and whether the
// line breaks had to be taken out.
func objectAt(s []byte) (value []byte, span int, rejoined, ok bool) {
	if len(s) > maxObject {
		s = s[:maxObject]
	}
	if v, n, ok := decodeFirst(s); ok {
		return v, n, false, true
	}
	if bytes.IndexByte(s, '\n') < 0 {
		return nil, 0, false, false
	}
	joined, spanOf := rejoinWrapped(s)
	if v, n, ok := decodeFirst(joined); ok {
		return v, spanOf(n), true, true
	}
	return nil, 0, false, false
}

// decodeFirst decodes the first JSON value of s.
func decodeFirst(s []byte) ([]byte, int, bool) {
	dec := json.NewDecoder(bytes.NewReader(s))
	dec.UseNumber()
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, 0, false
	}
	return raw, int(dec.InputOffset()), true
}

// rejoinWrapped takes out the line breaks, and the indentation after them,
// that fall inside JSON strings, where JSON allows none: the wrap of a long
// error line. Breaks between tokens are kept (JSON allows white space
// there). A break inside a string becomes one space: a terminal app such as
// Claude Code wraps at a space and drops it (a word longer than the line is
// the exception, and gets a stray space). It also returns a function that
// maps an offset in the result back to one in s.
func rejoinWrapped(s []byte) ([]byte, func(int) int) {
	out := make([]byte, 0, len(s))
	// marks[k] = (offset in out, bytes of s dropped before it), one per cut.
	type mark struct{ at, dropped int }
	var marks []mark
	dropped := 0
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inString && (c == '\n' || (c == '\r' && i+1 < len(s) && s[i+1] == '\n')) {
			j := i
			for j < len(s) && (s[j] == '\r' || s[j] == '\n' || s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ')
				dropped--
			}
			dropped += j - i
			marks = append(marks, mark{len(out), dropped})
			i = j - 1
			continue
		}
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		}
	}
	return out, func(n int) int {
		d := 0
		for _, m := range marks {
			if m.at > n {
				break
			}
			d = m.dropped
		}
		return n + d
	}
}
