package usage

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
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

// lineParser reads the fields a report needs from a line in one validating
// pass (jsonScanner), without building the line's tree; strings that
// repeat on every line (session ids, paths, model ids) are interned so a
// long corpus keeps one copy of each. A lineParser is not safe for
// concurrent use.
type lineParser struct {
	s       jsonScanner
	f       lineFields
	strings map[string]string
	scratch []byte
	entries []Entry // the reading worker's buffer of a file's entries
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
// error: it is counted as a bad line, never guessed at. Where a key repeats,
// its first value counts.
func (lp *lineParser) parse(line []byte) (parsedLine, error) {
	var out parsedLine
	f := &lp.f
	if err := lp.scanLine(line); err != nil {
		return out, err
	}
	out.invalidUTF8 = lp.s.nonASCII && !utf8.Valid(line)
	model := f.model.text(line)
	if f.message.kind != '{' {
		model = nil
	}
	if f.apiError.isTrue || string(model) == "<synthetic>" {
		return lp.parseAPIError(line, out)
	}
	if f.message.kind != '{' || !f.usage.seen || f.usage.kind == 'n' {
		return out, nil
	}
	if f.usage.kind != '{' {
		return out, errors.New("message.usage is not an object")
	}
	if t := f.typ.text(line); t != nil && string(t) != "assistant" {
		return out, nil
	}
	e := &out.entry
	var err error
	if e.Time, err = lineTime(f.timestamp.text(line)); err != nil {
		return out, err
	}
	if e.Tokens, e.WebSearches, err = f.readUsage(line); err != nil {
		return out, err
	}
	e.Model = lp.intern(model)
	e.id = makeResponseID(f.msgID.text(line), f.requestID.text(line))
	e.SessionID = lp.intern(f.sessionID.text(line))
	e.Project = lp.intern(f.cwd.text(line))
	e.Sidechain = f.sidechain.isTrue
	e.Subagent = len(f.agentID.text(line)) > 0
	out.kind = lineUsage
	return out, nil
}

// parseAPIError handles Claude Code's own synthetic lines: a usage-limit
// message becomes a LimitHit, any other error is skipped (and counted).
func (lp *lineParser) parseAPIError(line []byte, out parsedLine) (parsedLine, error) {
	f := &lp.f
	out.kind = lineAPIError
	var text string
	if f.message.kind == '{' && f.content.seen {
		text = contentText(line[f.content.valueStart:f.content.valueEnd])
	}
	kind, ok := limitKind(text, string(f.errorText.text(line)))
	if !ok {
		return out, nil
	}
	t, err := lineTime(f.timestamp.text(line))
	if err != nil {
		return out, err
	}
	out.kind = lineLimit
	out.hit = LimitHit{
		Time:      t,
		SessionID: lp.intern(f.sessionID.text(line)),
		Project:   lp.intern(f.cwd.text(line)),
		Kind:      kind,
		ResetAt:   resetTime(text, t),
		Message:   text,
	}
	return out, nil
}

// lineTime reads the line's ISO-8601 timestamp (nil: absent or not a
// string).
func lineTime(ts []byte) (time.Time, error) {
	if ts == nil {
		return time.Time{}, errors.New("no timestamp")
	}
	t, err := time.Parse(time.RFC3339Nano, string(ts))
	if err != nil {
		return time.Time{}, fmt.Errorf("bad timestamp %q", ts)
	}
	return t.UTC(), nil
}

// maxTokenCount caps one usage field of one line. No single API response
// comes near a trillion tokens (context windows are about a million), so a
// larger count is corrupt; the cap also keeps sums over millions of lines
// far from int64 overflow, which would print negative totals.
const maxTokenCount = 1_000_000_000_000

// tokenCount reads a non-negative integer of at most maxTokenCount from a
// value's JSON text; absent (nil) or null is zero.
func tokenCount(raw []byte, key string) (int64, error) {
	if raw == nil || string(raw) == "null" {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 0 || n > maxTokenCount {
		return 0, fmt.Errorf("usage.%s is %s, not a token count", key, raw)
	}
	return n, nil
}
