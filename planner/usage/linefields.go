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
	kind                          byte // first byte of the value: '{', '[', '"', 'n', …
	start, end                    int // a string's contents
	valueStart, valueEnd          int // the whole value's JSON text
	unescaped                     []byte // the contents with escapes resolved, when escaped
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
	msgObject                                                     bool // "message" is an object
	msgID, model, usage, content                                  field
	msgSeen                                                       bool
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
	if err := lp.scanObject(lp.topField); err != nil {
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

// scanObject reads the object at the scanner's position, handing each
// member's value to pick, which reads it or passes over it.
func (lp *lineParser) scanObject(pick func(key []byte) *field) error {
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
		if string(key) == "message" && !lp.f.msgSeen {
			lp.f.msgSeen = true
			if s.peek() == '{' {
				lp.f.msgObject = true
				if err := lp.scanObject(lp.messageField); err != nil {
					return err
				}
				continue
			}
		}
		if err := lp.read(pick(key)); err != nil {
			return err
		}
	}
}

// topField and messageField name the fields kept at each level; nil means
// the value is only checked.
func (lp *lineParser) topField(key []byte) *field {
	f := &lp.f
	switch string(key) {
	case "type":
		return &f.typ
	case "timestamp":
		return &f.timestamp
	case "sessionId":
		return &f.sessionID
	case "cwd":
		return &f.cwd
	case "requestId":
		return &f.requestID
	case "agentId":
		return &f.agentID
	case "error":
		return &f.errorText
	case "isSidechain":
		return &f.sidechain
	case "isApiErrorMessage":
		return &f.apiError
	}
	return nil
}

func (lp *lineParser) messageField(key []byte) *field {
	f := &lp.f
	switch string(key) {
	case "id":
		return &f.msgID
	case "model":
		return &f.model
	case "usage":
		return &f.usage
	case "content":
		return &f.content
	}
	return nil
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

// usageKeys are the members of message.usage that count.
var usageKeys = [...]string{"input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation", "server_tool_use"}

// members returns the raw JSON text of the first value of each key in
// keys, from an object already validated.
func members(obj []byte, keys []string, out [][]byte) [][]byte {
	out = out[:0]
	for range keys {
		out = append(out, nil)
	}
	var s jsonScanner
	s.reset(obj)
	if s.peek() != '{' {
		return out
	}
	_ = s.enter()
	for n := 0; ; n++ {
		key, escaped, ok, err := s.member(n)
		if err != nil || !ok {
			return out
		}
		if escaped {
			key = appendUnescaped(nil, key)
		}
		start := s.i
		if s.value() != nil {
			return out
		}
		for i, k := range keys {
			if out[i] == nil && string(key) == k {
				out[i] = obj[start:s.i]
			}
		}
	}
}

// readUsage reads message.usage. When the cache_creation breakdown is absent
// (old clients), the whole cache write counts as a 5-minute write, the
// default TTL; when present, its two parts are the cache write, as ccusage
// counts it.
func readUsage(u []byte) (Tokens, int64, error) {
	var buf [len(usageKeys)][]byte
	v := members(u, usageKeys[:], buf[:0])
	var t Tokens
	var err error
	count := func(raw []byte, key string) int64 {
		if err != nil {
			return 0
		}
		n, e := tokenCount(raw, key)
		if e != nil {
			err = e
		}
		return n
	}
	t.Input = count(v[0], "input_tokens")
	t.Output = count(v[1], "output_tokens")
	t.CacheRead = count(v[2], "cache_read_input_tokens")
	creation := count(v[3], "cache_creation_input_tokens")
	if cc := v[4]; len(cc) > 0 && cc[0] == '{' {
		var b [2][]byte
		ttl := members(cc, []string{"ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"}, b[:0])
		t.CacheWrite5m = count(ttl[0], "ephemeral_5m_input_tokens")
		t.CacheWrite1h = count(ttl[1], "ephemeral_1h_input_tokens")
	} else {
		t.CacheWrite5m = creation
	}
	var searches int64
	if st := v[5]; len(st) > 0 && st[0] == '{' {
		var b [1][]byte
		searches = count(members(st, []string{"web_search_requests"}, b[:0])[0], "web_search_requests")
	}
	return t, searches, err
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
	var one [1][]byte
	for n := 0; ; n++ {
		if ok, err := s.element(n); err != nil || !ok {
			break
		}
		start := s.i
		if s.value() != nil {
			break
		}
		t := members(c[start:s.i], []string{"text"}, one[:0])[0]
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
