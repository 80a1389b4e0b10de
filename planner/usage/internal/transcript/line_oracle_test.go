package transcript

// The fastjson-based line parser that the scanner replaced, kept as the
// oracle of the differential fuzz test: on every line that is valid JSON
// both must read the same.

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/valyala/fastjson"
)

// oracleParser decodes lines with fastjson, which parses a line into a reusable
// tree and reads only the fields asked for; strings that repeat on every line
// (session ids, paths, model ids) are interned so a long corpus keeps one
// copy of each. A oracleParser is not safe for concurrent use.
type oracleParser struct {
	p       fastjson.Parser
	strings map[string]string
}

func newOracleParser() *oracleParser {
	return &oracleParser{strings: make(map[string]string)}
}

// intern returns a string equal to b, shared with earlier calls.
func (lp *oracleParser) intern(b []byte) string {
	if s, ok := lp.strings[string(b)]; ok {
		return s
	}
	s := string(b)
	lp.strings[s] = s
	return s
}

// parse decodes one line. A line that is not valid JSON, or whose usage has
// numbers that are not non-negative integers, or no readable timestamp, is an
// error: it is counted as a bad line, never guessed at.
func (lp *oracleParser) parse(line []byte) (Line, error) {
	var out Line
	v, err := lp.p.ParseBytes(line)
	if err != nil {
		return out, fmt.Errorf("invalid JSON: %w", err)
	}
	if v.Type() != fastjson.TypeObject {
		return out, ErrNotObject
	}
	out.InvalidUTF8 = !utf8.Valid(line)
	msg := v.Get("message")
	if msg != nil && msg.Type() != fastjson.TypeObject {
		msg = nil
	}
	apiError := v.GetBool("isApiErrorMessage")
	model := ""
	if msg != nil {
		model = string(msg.GetStringBytes("model"))
	}
	if apiError || model == "<synthetic>" {
		return lp.parseAPIError(v, msg, out)
	}
	if msg == nil {
		return out, nil
	}
	u := msg.Get("usage")
	if u == nil || u.Type() == fastjson.TypeNull {
		return out, nil
	}
	if u.Type() != fastjson.TypeObject {
		return out, errors.New("message.usage is not an object")
	}
	if t := v.GetStringBytes("type"); t != nil && string(t) != "assistant" {
		return out, nil
	}
	e := &out.Call
	if e.Time, err = oracleLineTime(v); err != nil {
		return out, err
	}
	if err = oracleReadUsage(u, e); err != nil {
		return out, err
	}
	e.Model = lp.intern(msg.GetStringBytes("model"))
	if id := msg.GetStringBytes("id"); len(id) > 0 {
		e.MsgID, e.ReqID, e.HasMsg = HashID(id), HashID(v.GetStringBytes("requestId")), true
	}
	e.SessionID = lp.intern(v.GetStringBytes("sessionId"))
	e.Project = lp.intern(v.GetStringBytes("cwd"))
	e.Sidechain = v.GetBool("isSidechain")
	e.Subagent = len(v.GetStringBytes("agentId")) > 0
	out.Kind = Usage
	return out, nil
}

// parseAPIError handles Claude Code's own synthetic lines: a usage-limit
// message becomes a LimitHit, any other error is skipped (and counted).
func (lp *oracleParser) parseAPIError(v, msg *fastjson.Value, out Line) (Line, error) {
	out.Kind = APIError
	text := oracleContentText(msg)
	kind, ok := limitKind(text, string(v.GetStringBytes("error")))
	if !ok {
		return out, nil
	}
	t, err := oracleLineTime(v)
	if err != nil {
		return out, err
	}
	out.Kind = Limit
	out.Hit = Hit{
		Time:      t,
		SessionID: lp.intern(v.GetStringBytes("sessionId")),
		Project:   lp.intern(v.GetStringBytes("cwd")),
		Kind:      kind,
		ResetAt:   resetTime(text, t),
		Message:   text,
	}
	return out, nil
}

// oracleLineTime reads the line's ISO-8601 timestamp through LineTime: the
// scanner and the tree find the same bytes, and what the bytes mean is one
// rule, not something the two parsers could disagree on.
func oracleLineTime(v *fastjson.Value) (time.Time, error) {
	return LineTime(v.GetStringBytes("timestamp"))
}

// readUsage reads message.usage. When the cache_creation breakdown is absent
// (old clients), the whole cache write counts as a 5-minute write, the
// default TTL; when present, its two parts are the cache write, as ccusage
// counts it.
func oracleReadUsage(u *fastjson.Value, t *Call) error {
	var err error
	field := func(obj *fastjson.Value, key string) int64 {
		if err != nil {
			return 0
		}
		n, e := oracleTokenCount(obj, key)
		if e != nil {
			err = e
		}
		return n
	}
	t.Input = field(u, "input_tokens")
	t.Output = field(u, "output_tokens")
	t.CacheRead = field(u, "cache_read_input_tokens")
	creation := field(u, "cache_creation_input_tokens")
	if cc := u.Get("cache_creation"); cc != nil && cc.Type() == fastjson.TypeObject {
		t.CacheWrite5m = field(cc, "ephemeral_5m_input_tokens")
		t.CacheWrite1h = field(cc, "ephemeral_1h_input_tokens")
	} else {
		t.CacheWrite5m = creation
	}
	if st := u.Get("server_tool_use"); st != nil && st.Type() == fastjson.TypeObject {
		t.WebSearches = field(st, "web_search_requests")
	}
	return err
}

// tokenCount reads a non-negative integer field of at most MaxTokenCount;
// absent or null is zero.
func oracleTokenCount(obj *fastjson.Value, key string) (int64, error) {
	f := obj.Get(key)
	if f == nil || f.Type() == fastjson.TypeNull {
		return 0, nil
	}
	n, err := f.Int64()
	if err != nil || n < 0 || n > MaxTokenCount {
		return 0, fmt.Errorf("usage.%s is %s, not a token count", key, f)
	}
	return n, nil
}

// contentText joins the text blocks of message.content (a string in some
// lines, an array of blocks in most).
func oracleContentText(msg *fastjson.Value) string {
	if msg == nil {
		return ""
	}
	c := msg.Get("content")
	if c == nil {
		return ""
	}
	if c.Type() == fastjson.TypeString {
		return string(c.GetStringBytes())
	}
	var b []byte
	for _, block := range c.GetArray() {
		if t := block.GetStringBytes("text"); t != nil {
			if len(b) > 0 {
				b = append(b, '\n')
			}
			b = append(b, t...)
		}
	}
	return string(b)
}

// FuzzParseLineAgainstFastjson holds the scanner to the parser it
// replaced: on a line that is valid JSON both read the same fields, the
// same kind and fail alike; a line that is not valid JSON is always an
// error for the scanner (fastjson let some through, such as raw control
// characters in strings).
func FuzzParseLineAgainstFastjson(f *testing.F) {
	for _, seed := range lineSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		got, err := NewParser().Parse(line)
		if !json.Valid(line) {
			if err == nil {
				t.Fatalf("invalid JSON accepted: %q", line)
			}
			return
		}
		want, werr := newOracleParser().parse(line)
		if (err == nil) != (werr == nil) {
			t.Fatalf("error %v, fastjson %v", err, werr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("read\n%+v\nfastjson read\n%+v", got, want)
		}
	})
}
