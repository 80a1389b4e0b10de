package transcript

import "github.com/tierplan/tierplan/planner/usage/internal/jsonscan"

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
func (lp *Parser) scanLine(line []byte) error {
	s := &lp.s
	s.Reset(line)
	lp.line = line
	lp.f = lineFields{}
	lp.keyEscaped = false
	lp.scratch = lp.scratch[:0]
	if s.Peek() != '{' {
		if err := s.Value(); err != nil {
			return invalidJSON(err)
		}
		if err := s.End(); err != nil {
			return invalidJSON(err)
		}
		return ErrNotObject
	}
	if err := lp.scanObject(topLevel); err != nil {
		return invalidJSON(err)
	}
	if err := s.End(); err != nil {
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
func (lp *Parser) pick(l level, key []byte) (*field, level) {
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
func (lp *Parser) scanObject(l level) error {
	s := &lp.s
	if err := s.Enter(); err != nil {
		return err
	}
	for n := 0; ; n++ {
		key, escaped, ok, err := s.Member(n)
		if err != nil || !ok {
			return err
		}
		if escaped {
			key = jsonscan.AppendUnescaped(nil, key)
			lp.keyEscaped = true
		}
		fd, sub := lp.pick(l, key)
		if fd != nil && !fd.seen && sub != noLevel && s.Peek() == '{' {
			fd.seen, fd.kind, fd.valueStart = true, '{', s.Pos()
			if err := lp.scanObject(sub); err != nil {
				return err
			}
			fd.valueEnd = s.Pos()
			continue
		}
		if err := lp.read(fd); err != nil {
			return err
		}
	}
}

// topField, messageField and the others name the fields kept at each
// level.
func (lp *Parser) topField(key []byte) (*field, level) {
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

func (lp *Parser) messageField(key []byte) (*field, level) {
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

func (lp *Parser) usageField(key []byte) (*field, level) {
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

func (lp *Parser) ttlField(key []byte) (*field, level) {
	switch string(key) {
	case "ephemeral_5m_input_tokens":
		return &lp.f.write5m, noLevel
	case "ephemeral_1h_input_tokens":
		return &lp.f.write1h, noLevel
	}
	return nil, noLevel
}

func (lp *Parser) serverToolField(key []byte) (*field, level) {
	if string(key) == "web_search_requests" {
		return &lp.f.webSearches, noLevel
	}
	return nil, noLevel
}

// read reads one value into fd (the first time its key is seen) or passes
// over it.
func (lp *Parser) read(fd *field) error {
	s := &lp.s
	if fd == nil || fd.seen {
		return s.Value()
	}
	fd.seen = true
	fd.kind = s.Peek()
	fd.valueStart = s.Pos()
	if fd.kind == '"' {
		start, end, escaped, err := s.Str()
		if err != nil {
			return err
		}
		fd.isString, fd.escaped, fd.start, fd.end = true, escaped, start, end
		fd.valueEnd = s.Pos()
		if escaped {
			n := len(lp.scratch)
			lp.scratch = jsonscan.AppendUnescaped(lp.scratch, lp.line[start:end])
			fd.unescaped = lp.scratch[n:]
		}
		return nil
	}
	if err := s.Value(); err != nil {
		return err
	}
	fd.valueEnd = s.Pos()
	fd.isTrue = string(lp.line[fd.valueStart:fd.valueEnd]) == "true"
	return nil
}
