package usage

// Every line of a transcript is a JSON object; anything else (a stray log
// line, a file that is not a transcript) is counted as bad (errNotObject)
// rather than skipped in silence, even though the prefilter would never
// decode it.

// looksLikeObject is the cheap shape test for a line the prefilter skips:
// its first and last non-blank bytes are '{' and '}'. A blank line is
// harmless and passes. It looks at a few bytes at each end, never the
// middle, so skipping stays as fast as before.
func looksLikeObject(line []byte) bool {
	first, last := -1, -1
	for i := 0; i < len(line); i++ {
		if !isBlank(line[i]) {
			first = i
			break
		}
	}
	if first < 0 {
		return true
	}
	for i := len(line) - 1; i >= first; i-- {
		if !isBlank(line[i]) {
			last = i
			break
		}
	}
	return line[first] == '{' && line[last] == '}'
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// lineShape follows the ends of a line that streams past in fragments: its
// first and last non-blank bytes, so a long line that is never kept can
// still be told apart from a JSON object.
type lineShape struct {
	first, last byte // 0 until a non-blank byte is seen
}

func (s *lineShape) reset() { *s = lineShape{} }

func (s *lineShape) feed(frag []byte) {
	for i := len(frag) - 1; i >= 0; i-- {
		if !isBlank(frag[i]) {
			s.last = frag[i]
			break
		}
	}
	if s.first != 0 {
		return
	}
	for _, b := range frag {
		if !isBlank(b) {
			s.first = b
			return
		}
	}
}

// object reports whether the line seen so far is shaped like a JSON object;
// a line with no non-blank byte passes, as looksLikeObject's blank line.
func (s *lineShape) object() bool {
	return s.first == 0 || s.first == '{' && s.last == '}'
}
