package usage

import "bytes"

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

// mayCarryUsage is the cheap test run on every line before any decoding.
// It looks at the tail first, where assistant lines keep their usage, so
// the usual line is not scanned twice (here and by the parser); any other
// line is scanned whole.
func mayCarryUsage(line []byte) bool {
	if len(line) > tailWindow && containsMarker(line[len(line)-tailWindow:], usageMarker) {
		return true
	}
	return containsMarker(line, usageMarker) || containsMarker(line, apiErrorMarker)
}

// containsMarker is bytes.Contains for a quoted key, searching for the key
// without its opening quote: a quote is the commonest byte of JSON, which
// makes a search that starts from it crawl, while "u" or "i" are rare
// enough for the vectorised byte search to run at full speed.
func containsMarker(line, marker []byte) bool {
	rest := marker[1:]
	for off := 1; off < len(line); {
		i := bytes.Index(line[off:], rest)
		if i < 0 {
			return false
		}
		if line[off+i-1] == '"' {
			return true
		}
		off += i + 1
	}
	return false
}
