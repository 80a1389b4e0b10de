package usage

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// field is where one value of interest lies in a line: for a string, its
// raw contents (between the quotes); for usage and content, the whole
// value. seen is set by the key's first occurrence, whatever its value.
type field struct {
	seen, isString, escaped, isTrue bool
	kind                            byte   // first byte of the value: '{', '[', '"', 'n', …
	start, end                      int    // a string's contents
	valueStart, valueEnd            int    // the whole value's JSON text
	unescaped                       []byte // the contents with escapes resolved, when escaped
}

// text is the string value, escapes resolved; nil when the key is absent
// or its value is not a string.
func (f *field) text(line []byte) []byte {
	if !f.seen || !f.isString {
		return nil
	}
	if f.escaped {
		return f.unescaped
	}
	return line[f.start:f.end]
}

// lineFields are the fields of a line a report reads.
type lineFields struct {
	typ, timestamp, sessionID, cwd, requestID, agentID, errorText field
	sidechain, apiError                                           field
	message, msgID, model, usage, content                         field
	// message.usage, its cache_creation and server_tool_use members
	input, output, cacheRead, cacheCreation, ttlSplit, serverTools field
	write5m, write1h, webSearches                                  field
}

// scanLine validates line and records its fields in lp.f.
func (lp *lineParser) scanLine(line []byte) error {
	s := &lp.s
	s.reset(line)
	lp.f = lineFields{}
	lp.scratch = lp.scratch[:0]
	if s.peek() != '{' {
		if err := s.value(); err != nil {
			return invalidJSON(err)
		}
		if err := s.end(); err != nil {
			return invalidJSON(err)
		}
		return errNotObject
	}
	if err := lp.scanObject(topLevel); err != nil {
		return invalidJSON(err)
	}
	if err := s.end(); err != nil {
		return invalidJSON(err)
	}
	return nil
}

func invalidJSON(err error) error { return &lineError{"invalid JSON: " + err.Error()} }

type lineError struct{ msg string }

func (e *lineError) Error() string { return e.msg }

// level is an object whose members a line's fields are picked from.
type level int

const (
	noLevel level = iota // an object only checked
	topLevel
	messageLevel
	usageLevel
	ttlLevel
	serverToolLevel
)

// pick names the field a member's value goes to (nil: it is only checked)
// and, for an object read member by member, the level of its members.
func (lp *lineParser) pick(l level, key []byte) (*field, level) {
	switch l {
	case topLevel:
		return lp.topField(key)
	case messageLevel:
		return lp.messageField(key)
	case usageLevel:
		return lp.usageField(key)
	case ttlLevel:
		return lp.ttlField(key)
	case serverToolLevel:
		return lp.serverToolField(key)
	}
	return nil, noLevel
}

// scanObject reads the object at the scanner's position, handing each
// member's value to pick.
func (lp *lineParser) scanObject(l level) error {
	s := &lp.s
	if err := s.enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		key, escaped, ok, err := s.member(n)
		if err != nil || !ok {
			return err
		}
		if escaped {
			key = appendUnescaped(nil, key)
		}
		fd, sub := lp.pick(l, key)
		if fd != nil && !fd.seen && sub != noLevel && s.peek() == '{' {
			fd.seen, fd.kind, fd.valueStart = true, '{', s.i
			if err := lp.scanObject(sub); err != nil {
				return err
			}
			fd.valueEnd = s.i
			continue
		}
		if err := lp.read(fd); err != nil {
			return err
		}
	}
}

// topField, messageField and the others name the fields kept at each
// level.
func (lp *lineParser) topField(key []byte) (*field, level) {
	f := &lp.f
	switch string(key) {
	case "type":
		return &f.typ, noLevel
	case "timestamp":
		return &f.timestamp, noLevel
	case "sessionId":
		return &f.sessionID, noLevel
	case "cwd":
		return &f.cwd, noLevel
	case "requestId":
		return &f.requestID, noLevel
	case "agentId":
		return &f.agentID, noLevel
	case "error":
		return &f.errorText, noLevel
	case "isSidechain":
		return &f.sidechain, noLevel
	case "isApiErrorMessage":
		return &f.apiError, noLevel
	case "message":
		return &f.message, messageLevel
	}
	return nil, noLevel
}

func (lp *lineParser) messageField(key []byte) (*field, level) {
	f := &lp.f
	switch string(key) {
	case "id":
		return &f.msgID, noLevel
	case "model":
		return &f.model, noLevel
	case "usage":
		return &f.usage, usageLevel
	case "content":
		return &f.content, noLevel
	}
	return nil, noLevel
}

func (lp *lineParser) usageField(key []byte) (*field, level) {
	f := &lp.f
	switch string(key) {
	case "input_tokens":
		return &f.input, noLevel
	case "output_tokens":
		return &f.output, noLevel
	case "cache_read_input_tokens":
		return &f.cacheRead, noLevel
	case "cache_creation_input_tokens":
		return &f.cacheCreation, noLevel
	case "cache_creation":
		return &f.ttlSplit, ttlLevel
	case "server_tool_use":
		return &f.serverTools, serverToolLevel
	}
	return nil, noLevel
}

func (lp *lineParser) ttlField(key []byte) (*field, level) {
	switch string(key) {
	case "ephemeral_5m_input_tokens":
		return &lp.f.write5m, noLevel
	case "ephemeral_1h_input_tokens":
		return &lp.f.write1h, noLevel
	}
	return nil, noLevel
}

func (lp *lineParser) serverToolField(key []byte) (*field, level) {
	if string(key) == "web_search_requests" {
		return &lp.f.webSearches, noLevel
	}
	return nil, noLevel
}

// read reads one value into fd (the first time its key is seen) or passes
// over it.
func (lp *lineParser) read(fd *field) error {
	s := &lp.s
	if fd == nil || fd.seen {
		return s.value()
	}
	fd.seen = true
	fd.kind = s.peek()
	fd.valueStart = s.i
	if fd.kind == '"' {
		start, end, escaped, err := s.str()
		if err != nil {
			return err
		}
		fd.isString, fd.escaped, fd.start, fd.end = true, escaped, start, end
		fd.valueEnd = s.i
		if escaped {
			n := len(lp.scratch)
			lp.scratch = appendUnescaped(lp.scratch, s.b[start:end])
			fd.unescaped = lp.scratch[n:]
		}
		return nil
	}
	if err := s.value(); err != nil {
		return err
	}
	fd.valueEnd = s.i
	fd.isTrue = string(s.b[fd.valueStart:fd.valueEnd]) == "true"
	return nil
}

// raw is a value's JSON text; nil when its key is absent.
func (f *field) raw(line []byte) []byte {
	if !f.seen {
		return nil
	}
	return line[f.valueStart:f.valueEnd]
}

// readUsage reads message.usage. When the cache_creation breakdown is absent
// (old clients), the whole cache write counts as a 5-minute write, the
// default TTL; when present, its two parts are the cache write, as ccusage
// counts it.
func (f *lineFields) readUsage(line []byte) (Tokens, int64, error) {
	var t Tokens
	var err error
	count := func(fd *field, key string) int64 {
		if err != nil {
			return 0
		}
		n, e := tokenCount(fd.raw(line), key)
		if e != nil {
			err = e
		}
		return n
	}
	t.Input = count(&f.input, "input_tokens")
	t.Output = count(&f.output, "output_tokens")
	t.CacheRead = count(&f.cacheRead, "cache_read_input_tokens")
	creation := count(&f.cacheCreation, "cache_creation_input_tokens")
	if f.ttlSplit.kind == '{' {
		t.CacheWrite5m = count(&f.write5m, "ephemeral_5m_input_tokens")
		t.CacheWrite1h = count(&f.write1h, "ephemeral_1h_input_tokens")
	} else {
		t.CacheWrite5m = creation
	}
	var searches int64
	if f.serverTools.kind == '{' {
		searches = count(&f.webSearches, "web_search_requests")
	}
	return t, searches, err
}

// firstMember returns the JSON text of the first value of key in an
// object already validated; nil when it has none.
func firstMember(obj []byte, key string) []byte {
	var s jsonScanner
	s.reset(obj)
	if s.peek() != '{' {
		return nil
	}
	_ = s.enter()
	for n := 0; ; n++ {
		k, escaped, ok, err := s.member(n)
		if err != nil || !ok {
			return nil
		}
		if escaped {
			k = appendUnescaped(nil, k)
		}
		start := s.i
		if s.value() != nil {
			return nil
		}
		if string(k) == key {
			return obj[start:s.i]
		}
	}
}

// contentText joins the text blocks of message.content (a string in some
// lines, an array of blocks in most), from its validated JSON text.
func contentText(c []byte) string {
	var s jsonScanner
	s.reset(c)
	switch s.peek() {
	case '"':
		start, end, _, _ := s.str()
		return string(appendUnescaped(nil, c[start:end]))
	case '[':
	default:
		return ""
	}
	_ = s.enter()
	var b []byte
	for n := 0; ; n++ {
		if ok, err := s.element(n); err != nil || !ok {
			break
		}
		start := s.i
		if s.value() != nil {
			break
		}
		t := firstMember(c[start:s.i], "text")
		if len(t) == 0 || t[0] != '"' {
			continue
		}
		if len(b) > 0 {
			b = append(b, '\n')
		}
		b = appendUnescaped(b, t[1:len(t)-1])
	}
	return string(b)
}

// appendUnescaped appends the JSON string contents raw with escapes
// resolved, as fastjson did before (an escape it cannot read is kept as
// written), so ids and paths read the same as they always have.
func appendUnescaped(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			dst = append(dst, c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			dst = append(dst, raw[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			x, ok := hex4(raw[i+1:])
			if !ok {
				dst = append(dst, '\\', 'u')
				continue
			}
			i += 4
			if !utf16.IsSurrogate(rune(x)) {
				dst = utf8.AppendRune(dst, rune(x))
				continue
			}
			rest := raw[i+1:]
			y, ok := uint64(0), len(rest) >= 6 && rest[0] == '\\' && rest[1] == 'u'
			if ok {
				y, ok = hex4(rest[2:])
			}
			if !ok {
				dst = append(dst, '\\', 'u')
				dst = append(dst, raw[i-3:i+1]...)
				continue
			}
			dst = utf8.AppendRune(dst, utf16.DecodeRune(rune(x), rune(y)))
			i += 6
		default:
			dst = append(dst, '\\', raw[i])
		}
	}
	return dst
}

func hex4(b []byte) (uint64, bool) {
	if len(b) < 4 {
		return 0, false
	}
	x, err := strconv.ParseUint(string(b[:4]), 16, 16)
	return x, err == nil
}
