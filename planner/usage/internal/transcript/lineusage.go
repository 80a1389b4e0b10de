package transcript

import "github.com/tierplan/tierplan/planner/usage/internal/jsonscan"

// raw is a value's JSON text; nil when its key is absent.
func (f *field) raw(line []byte) []byte {
	if !f.seen {
		return nil
	}
	return line[f.valueStart:f.valueEnd]
}

// readUsage reads message.usage into c. When the cache_creation breakdown
// is absent (old clients), the whole cache write counts as a 5-minute
// write, the default TTL; when present, its two parts are the cache write,
// as ccusage counts it.
func (f *lineFields) readUsage(line []byte, c *Call) error {
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
	c.Input = count(&f.input, "input_tokens")
	c.Output = count(&f.output, "output_tokens")
	c.CacheRead = count(&f.cacheRead, "cache_read_input_tokens")
	creation := count(&f.cacheCreation, "cache_creation_input_tokens")
	if f.ttlSplit.kind == '{' {
		c.CacheWrite5m = count(&f.write5m, "ephemeral_5m_input_tokens")
		c.CacheWrite1h = count(&f.write1h, "ephemeral_1h_input_tokens")
	} else {
		c.CacheWrite5m = creation
	}
	if f.serverTools.kind == '{' {
		c.WebSearches = count(&f.webSearches, "web_search_requests")
	}
	return err
}

// firstMember returns the JSON text of the first value of key in an
// object already validated; nil when it has none.
func firstMember(obj []byte, key string) []byte {
	var s jsonscan.Scanner
	s.Reset(obj)
	if s.Peek() != '{' {
		return nil
	}
	_ = s.Enter()
	for n := 0; ; n++ {
		k, escaped, ok, err := s.Member(n)
		if err != nil || !ok {
			return nil
		}
		if escaped {
			k = jsonscan.AppendUnescaped(nil, k)
		}
		start := s.Pos()
		if s.Value() != nil {
			return nil
		}
		if string(k) == key {
			return obj[start:s.Pos()]
		}
	}
}

// contentText joins the text blocks of message.content (a string in some
// lines, an array of blocks in most), from its validated JSON text.
func contentText(c []byte) string {
	var s jsonscan.Scanner
	s.Reset(c)
	switch s.Peek() {
	case '"':
		start, end, _, _ := s.Str()
		return string(jsonscan.AppendUnescaped(nil, c[start:end]))
	case '[':
	default:
		return ""
	}
	_ = s.Enter()
	var b []byte
	for n := 0; ; n++ {
		if ok, err := s.Element(n); err != nil || !ok {
			break
		}
		start := s.Pos()
		if s.Value() != nil {
			break
		}
		t := firstMember(c[start:s.Pos()], "text")
		if len(t) == 0 || t[0] != '"' {
			continue
		}
		if len(b) > 0 {
			b = append(b, '\n')
		}
		b = jsonscan.AppendUnescaped(b, t[1:len(t)-1])
	}
	return string(b)
}
