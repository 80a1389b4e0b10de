package render

import "bytes"

// appendIndented appends src, compact JSON as encoding/json writes it, to
// dst indented as json.Indent indents it (prefix "", indent as given): a
// test holds the two byte for byte equal on random documents. json.Indent
// runs its validating scanner over every byte; on the input the encoder
// has just made there is nothing to validate, and indenting is a matter
// of brackets, commas, colons and strings to pass over: about three times
// as fast (BenchmarkJSONIndent), a third of writing a year of usage as
// JSON (1.3 MB).
func appendIndented(dst, src []byte, indent string) []byte {
	return indentWith(dst, src, indent, 0, nil)
}

// indentWith is appendIndented handing what it has indented to flush at
// a line break once there are flushAt bytes or more of it (never inside a
// string, nor inside a character), and going on into what flush returns:
// a large document is written as it is indented, in pieces, without the
// whole indented copy ever in memory.
func indentWith(dst, src []byte, indent string, flushAt int, flush func([]byte) []byte) []byte {
	// margin is a newline and the indent of the deepest level so far:
	// a line break at depth d is its first 1+d·len(indent) bytes.
	margin := []byte{'\n'}
	depth := 0
	breakLine := func(dst []byte) []byte {
		for len(margin) < 1+depth*len(indent) {
			margin = append(margin, indent...)
		}
		dst = append(dst, margin[:1+depth*len(indent)]...)
		if flush != nil && len(dst) >= flushAt {
			dst = flush(dst)
		}
		return dst
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i+1)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1])
				i++
				continue
			}
			depth++
			dst = breakLine(append(dst, c))
		case '}', ']':
			depth--
			dst = append(breakLine(dst), c)
		case ',':
			dst = breakLine(append(dst, c))
		case ':':
			dst = append(dst, ':', ' ')
		case ' ', '\t', '\n', '\r':
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd is the index just past the closing quote of the string whose
// contents start at from (len(src) for an unterminated one).
func stringEnd(src []byte, from int) int {
	for i := from; i < len(src); {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			return len(src)
		}
		i += q
		slashes := 0
		for k := i - 1; k >= from && src[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 0 {
			return i + 1
		}
		i++
	}
	return len(src)
}
