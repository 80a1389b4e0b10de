package transcript

import (
	"bytes"
)

// usageMarker and apiErrorMarker are the prefilter: a line containing
// neither cannot carry usage or a limit hit, so it is never decoded. The
// marker stops at the closing quote of the key so "usage": { (spaced JSON,
// which ccusage misses) passes too.
var (
	usageMarker    = []byte(`"usage"`)
	apiErrorMarker = []byte(`"isApiErrorMessage"`)
)

// tailWindow is how far from its end an assistant line holds its usage:
// Claude Code writes message.usage last in the message, followed only by
// requestId, type, uuid and timestamp.
const tailWindow = 1024

// MayCarryUsage is the cheap test run on every line before any decoding.
// It looks at the tail first, where assistant lines keep their usage, so
// the usual line is not scanned twice (here and by the parser); any other
// line is scanned whole.
func MayCarryUsage(line []byte) bool {
	return !isUserLine(line) && HasMarker(line)
}

var (
	userTypeMarker = []byte(`"type":"user"`)
	messageKey     = []byte(`"message":`)
	// assistantStarts are how Claude Code begins an assistant reply's
	// message: its id first (msg_…) or, in older versions, its model.
	assistantStarts = [][]byte{[]byte(`{"id":"msg_`), []byte(`{"model":"`)}
)

// isUserLine spots a user line (a prompt or a tool result, the bulk of a
// transcript's bytes) from its envelope alone: Claude Code writes a user
// line's "type" before its "message", while an assistant line's "type"
// follows its message. User lines never carry usage that counts (a Task
// tool result's own usage is the subagent's, counted from its transcript),
// so they are skipped without scanning their content. Spaced JSON does not
// match and simply takes the full scan. Both searches skip the leading
// quote, as containsMarker does, to stay fast on quote-dense JSON.
func isUserLine(line []byte) bool {
	head := line[:min(len(line), headWindow)]
	if m := indexMarker(head, messageKey); m >= 0 {
		head = head[:m]
	}
	return indexMarker(head, userTypeMarker) >= 0
}

// Class is what a line's envelope says it is, before any decoding.
type Class int

const (
	// OtherLine may carry usage or a limit hit: the prefilter's marker
	// search (HasMarker) decides whether it is decoded.
	OtherLine Class = iota
	// UserLine is a user line (see isUserLine): never decoded.
	UserLine
	// ReplyLine is a line whose message begins as an assistant reply's
	// does. It is decoded at once rather than first searched for the
	// usage marker, a second pass over the bytes the parse reads anyway;
	// Parser.Certain says when the parse alone settles it, and the
	// prefilter (MayCarryUsage) decides the rest.
	ReplyLine
)

// Classify finds the message key in a line's envelope once and says what
// the line is: a reply (its message begins as assistantStarts), a user
// line (isUserLine), or another.
func Classify(line []byte) Class {
	head := line[:min(len(line), headWindow)]
	if m := indexMarker(head, messageKey); m >= 0 {
		rest := line[m+len(messageKey):]
		for _, s := range assistantStarts {
			if bytes.HasPrefix(rest, s) {
				return ReplyLine
			}
		}
		head = head[:m]
	}
	if indexMarker(head, userTypeMarker) >= 0 {
		return UserLine
	}
	return OtherLine
}

// HasMarker is MayCarryUsage for a line Classify found to be no user
// line: the marker search alone.
func HasMarker(line []byte) bool {
	if len(line) > tailWindow && containsMarker(line[len(line)-tailWindow:], usageMarker) {
		return true
	}
	return containsMarker(line, usageMarker) || containsMarker(line, apiErrorMarker)
}

// headWindow bounds how far into a line its envelope is looked for.
const headWindow = 1024

// containsMarker is bytes.Contains for a quoted key, searching for the key
// without its opening quote: a quote is the commonest byte of JSON, which
// makes a search that starts from it crawl, while "u" or "i" are rare
// enough for the vectorised byte search to run at full speed.
func containsMarker(line, marker []byte) bool { return indexMarker(line, marker) >= 0 }

// indexMarker is the index of a quoted key in line, or -1 (see
// containsMarker for why it searches without the opening quote).
func indexMarker(line, marker []byte) int {
	rest := marker[1:]
	for off := 1; off < len(line); {
		i := bytes.Index(line[off:], rest)
		if i < 0 {
			return -1
		}
		if line[off+i-1] == '"' {
			return off + i - 1
		}
		off += i + 1
	}
	return -1
}

// Every line of a transcript is a JSON object; anything else (a stray log
// line, a file that is not a transcript) is counted as bad (ErrNotObject)
// rather than skipped in silence, even though the prefilter would never
// decode it.

// LooksLikeObject is the cheap shape test for a line the prefilter skips:
// its first and last non-blank bytes are '{' and '}'. A blank line is
// harmless and passes. It looks at a few bytes at each end, never the
// middle, so skipping stays as fast as before.
func LooksLikeObject(line []byte) bool {
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
// a line with no non-blank byte passes, as LooksLikeObject's blank line.
func (s *lineShape) object() bool {
	return s.first == 0 || s.first == '{' && s.last == '}'
}
