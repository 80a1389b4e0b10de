package usage

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/valyala/fastjson"
)

// lineKind says what a transcript line is, for the counters of a report.
type lineKind int

const (
	lineOther    lineKind = iota // user prompts, tool results, housekeeping: no usage
	lineUsage                    // an assistant line with message.usage
	lineLimit                    // a synthetic line saying a usage limit was hit
	lineAPIError                 // another synthetic error line (401, 529, …): skipped
)

// parsedLine is the result of decoding one line.
type parsedLine struct {
	kind        lineKind
	entry       Entry
	hit         LimitHit
	invalidUTF8 bool // the line held bytes that are not UTF-8; its numbers were still read
}

// lineParser decodes lines with fastjson, which parses a line into a reusable
// tree and reads only the fields asked for; strings that repeat on every line
// (session ids, paths, model ids) are interned so a long corpus keeps one
// copy of each. A lineParser is not safe for concurrent use.
type lineParser struct {
	p       fastjson.Parser
	strings map[string]string
}

func newLineParser() *lineParser {
	return &lineParser{strings: make(map[string]string)}
}

// intern returns a string equal to b, shared with earlier calls.
func (lp *lineParser) intern(b []byte) string {
	if s, ok := lp.strings[string(b)]; ok {
		return s
	}
	s := string(b)
	lp.strings[s] = s
	return s
}

// errNotObject and friends name why a line was rejected, for the per-file
// summary.
var errNotObject = errors.New("not a JSON object")

// parse decodes one line. A line that is not valid JSON, or whose usage has
// numbers that are not non-negative integers, or no readable timestamp, is an
// error: it is counted as a bad line, never guessed at.
func (lp *lineParser) parse(line []byte) (parsedLine, error) {
	var out parsedLine
	v, err := lp.p.ParseBytes(line)
	if err != nil {
		return out, fmt.Errorf("invalid JSON: %w", err)
	}
	if v.Type() != fastjson.TypeObject {
		return out, errNotObject
	}
	out.invalidUTF8 = !utf8.Valid(line)
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
	e := &out.entry
	if e.Time, err = lineTime(v); err != nil {
		return out, err
	}
	if e.Tokens, e.WebSearches, err = readUsage(u); err != nil {
		return out, err
	}
	e.Model = lp.intern(msg.GetStringBytes("model"))
	e.id = makeResponseID(msg.GetStringBytes("id"), v.GetStringBytes("requestId"))
	e.SessionID = lp.intern(v.GetStringBytes("sessionId"))
	e.Project = lp.intern(v.GetStringBytes("cwd"))
	e.Sidechain = v.GetBool("isSidechain")
	e.Subagent = len(v.GetStringBytes("agentId")) > 0
	out.kind = lineUsage
	return out, nil
}

// parseAPIError handles Claude Code's own synthetic lines: a usage-limit
// message becomes a LimitHit, any other error is skipped (and counted).
func (lp *lineParser) parseAPIError(v, msg *fastjson.Value, out parsedLine) (parsedLine, error) {
	out.kind = lineAPIError
	text := contentText(msg)
	kind, ok := limitKind(text, string(v.GetStringBytes("error")))
	if !ok {
		return out, nil
	}
	t, err := lineTime(v)
	if err != nil {
		return out, err
	}
	out.kind = lineLimit
	out.hit = LimitHit{
		Time:      t,
		SessionID: lp.intern(v.GetStringBytes("sessionId")),
		Project:   lp.intern(v.GetStringBytes("cwd")),
		Kind:      kind,
		ResetAt:   resetTime(text, t),
		Message:   text,
	}
	return out, nil
}

// lineTime reads the line's ISO-8601 timestamp.
func lineTime(v *fastjson.Value) (time.Time, error) {
	ts := v.GetStringBytes("timestamp")
	if ts == nil {
		return time.Time{}, errors.New("no timestamp")
	}
	t, err := time.Parse(time.RFC3339Nano, string(ts))
	if err != nil {
		return time.Time{}, fmt.Errorf("bad timestamp %q", ts)
	}
	return t.UTC(), nil
}

// readUsage reads message.usage. When the cache_creation breakdown is absent
// (old clients), the whole cache write counts as a 5-minute write, the
// default TTL; when present, its two parts are the cache write, as ccusage
// counts it.
func readUsage(u *fastjson.Value) (Tokens, int64, error) {
	var t Tokens
	var err error
	field := func(obj *fastjson.Value, key string) int64 {
		if err != nil {
			return 0
		}
		n, e := tokenCount(obj, key)
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
	var searches int64
	if st := u.Get("server_tool_use"); st != nil && st.Type() == fastjson.TypeObject {
		searches = field(st, "web_search_requests")
	}
	return t, searches, err
}

// maxTokenCount caps one usage field of one line. No single API response
// comes near a trillion tokens (context windows are about a million), so a
// larger count is corrupt; the cap also keeps sums over millions of lines
// far from int64 overflow, which would print negative totals.
const maxTokenCount = 1_000_000_000_000

// tokenCount reads a non-negative integer field of at most maxTokenCount;
// absent or null is zero.
func tokenCount(obj *fastjson.Value, key string) (int64, error) {
	f := obj.Get(key)
	if f == nil || f.Type() == fastjson.TypeNull {
		return 0, nil
	}
	n, err := f.Int64()
	if err != nil || n < 0 || n > maxTokenCount {
		return 0, fmt.Errorf("usage.%s is %s, not a token count", key, f)
	}
	return n, nil
}

// contentText joins the text blocks of message.content (a string in some
// lines, an array of blocks in most).
func contentText(msg *fastjson.Value) string {
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
