// Package transcript reads the lines of a Claude Code transcript (JSONL):
// a Reader that yields lines of any length without holding a huge one, a
// prefilter that rules most lines out from a few bytes, and a Parser that
// reads the few fields a usage report needs from a line in one validating
// pass. It knows nothing of files, deduplication or reports.
package transcript

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/planner/usage/internal/jsonscan"
)

// Kind says what a transcript line is, for the counters of a report.
type Kind int

const (
	Other    Kind = iota // user prompts, tool results, housekeeping: no usage
	Usage                // an assistant line with message.usage
	Limit                // a synthetic line saying a usage limit was hit
	APIError             // another synthetic error line (401, 529, …): skipped
)

// Line is what one line says.
type Line struct {
	Kind        Kind
	Call        Call // when Kind is Usage
	Hit         Hit  // when Kind is Limit
	InvalidUTF8 bool // the line held bytes that are not UTF-8; its numbers were still read
}

// Call is one API call as an assistant line records it.
type Call struct {
	Time      time.Time
	SessionID string
	Project   string // cwd
	Model     string
	Sidechain bool
	Subagent  bool // the line names an agentId
	// The token counts of message.usage: a cache write without its TTL
	// breakdown (old clients) counts as a 5-minute write.
	Input, Output, CacheWrite5m, CacheWrite1h, CacheRead int64
	WebSearches                                          int64 // server_tool_use.web_search_requests
	// MsgID and ReqID hash message.id and requestId (xxhash64, the same in
	// every process and on every machine); HasMsg is false for a line
	// without a message id.
	MsgID, ReqID uint64
	HasMsg       bool
}

// Hit is a limit the user ran into, as Claude Code recorded it in a
// synthetic error line.
type Hit struct {
	Time      time.Time
	SessionID string
	Project   string
	Kind      string // "usage", "session", "weekly", "opus", …
	ResetAt   time.Time
	Message   string
}

// HashID is how a response's message id and request id are hashed.
func HashID(id []byte) uint64 { return xxhash.Sum64(id) }

// Parser reads the fields a report needs from a line in one validating
// pass (jsonscan.Scanner), without building the line's tree; strings that
// repeat on every line (session ids, paths, model ids) are interned so a
// long corpus keeps one copy of each. A Parser is not safe for concurrent
// use.
type Parser struct {
	s       jsonscan.Scanner
	line    []byte // the line being scanned
	f       lineFields
	strings map[string]string
	scratch []byte
	// The model, session and project of the last call: the next line
	// usually repeats them, and a comparison is cheaper than a lookup.
	lastModel, lastSession, lastProject string
	// keyEscaped: a key of the last line parsed was written with escapes.
	keyEscaped bool
}

// Certain reports whether what Parse made of the line it just read
// (without an error) is what it makes of a line the prefilter passes: a
// call whose "usage" key is written plainly is one the prefilter passes
// (it holds the marker), and a complete line that is no call, error or
// limit hit, and is valid UTF-8, counts for nothing either way. Anything
// else asks the prefilter (MayCarryUsage), as a line not parsed first.
func (lp *Parser) Certain(l Line, complete bool) bool {
	switch l.Kind {
	case Usage:
		return !lp.keyEscaped
	case Other:
		return complete && !l.InvalidUTF8
	}
	return false
}

// NewParser returns a parser with an empty table of interned strings.
func NewParser() *Parser {
	return &Parser{strings: make(map[string]string)}
}

// internAs is intern, trying last (the same field of the last line) first.
func (lp *Parser) internAs(last *string, b []byte) string {
	if string(b) != *last {
		*last = lp.intern(b)
	}
	return *last
}

// intern returns a string equal to b, shared with earlier calls.
func (lp *Parser) intern(b []byte) string {
	if s, ok := lp.strings[string(b)]; ok {
		return s
	}
	s := string(b)
	lp.strings[s] = s
	return s
}

// ErrNotObject is the error of a line that is not a JSON object.
var ErrNotObject = errors.New("not a JSON object")

// Parse decodes one line. A line that is not valid JSON, or whose usage has
// numbers that are not non-negative integers, or no readable timestamp, is an
// error: it is counted as a bad line, never guessed at. Where a key repeats,
// its first value counts.
func (lp *Parser) Parse(line []byte) (Line, error) {
	var out Line
	f := &lp.f
	if err := lp.scanLine(line); err != nil {
		return out, err
	}
	out.InvalidUTF8 = lp.s.NonASCII() && !utf8.Valid(line)
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
	c := &out.Call
	var err error
	if c.Time, err = LineTime(f.timestamp.text(line)); err != nil {
		return out, err
	}
	if err = f.readUsage(line, c); err != nil {
		return out, err
	}
	c.Model = lp.internAs(&lp.lastModel, model)
	if id := f.msgID.text(line); len(id) > 0 {
		c.MsgID, c.ReqID, c.HasMsg = HashID(id), HashID(f.requestID.text(line)), true
	}
	c.SessionID = lp.internAs(&lp.lastSession, f.sessionID.text(line))
	c.Project = lp.internAs(&lp.lastProject, f.cwd.text(line))
	c.Sidechain = f.sidechain.isTrue
	c.Subagent = len(f.agentID.text(line)) > 0
	out.Kind = Usage
	return out, nil
}

// parseAPIError handles Claude Code's own synthetic lines: a usage-limit
// message becomes a Hit, any other error is skipped (and counted).
func (lp *Parser) parseAPIError(line []byte, out Line) (Line, error) {
	f := &lp.f
	out.Kind = APIError
	var text string
	if f.message.kind == '{' && f.content.seen {
		text = contentText(line[f.content.valueStart:f.content.valueEnd])
	}
	kind, ok := limitKind(text, string(f.errorText.text(line)))
	if !ok {
		return out, nil
	}
	t, err := LineTime(f.timestamp.text(line))
	if err != nil {
		return out, err
	}
	out.Kind = Limit
	out.Hit = Hit{
		Time:      t,
		SessionID: lp.intern(f.sessionID.text(line)),
		Project:   lp.intern(f.cwd.text(line)),
		Kind:      kind,
		ResetAt:   resetTime(text, t),
		Message:   text,
	}
	return out, nil
}

// MaxLogYear is the last year a line's timestamp may carry: a later one is
// corrupt, and a block's end (5 hours on) or a time zone's offset would
// carry it past 9999, which no JSON or YAML time can hold.
const MaxLogYear = 9998

// MaxLogUnix is the last second of MaxLogYear: no line carries a later
// time, so a decoded index or export that does is corrupt.
var MaxLogUnix = time.Date(MaxLogYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - 1

// LineTime reads a line's ISO-8601 timestamp (nil: absent or not a
// string): the one rule for what a log's time is, which the session shape
// (package shape) reads through too. An error quotes at most 40
// characters of the text, since a corrupt line can hold megabytes there.
func LineTime(ts []byte) (time.Time, error) {
	if ts == nil {
		return time.Time{}, errors.New("no timestamp")
	}
	t, ok := utcMillis(ts)
	if ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, string(ts))
	if err != nil {
		return time.Time{}, fmt.Errorf("bad timestamp %.40q", ts)
	}
	if t.UTC().Year() > MaxLogYear {
		return time.Time{}, fmt.Errorf("timestamp %.40q is past year %d: not a time a log was written", ts, MaxLogYear)
	}
	return t.UTC(), nil
}

// utcMillis reads the one form Claude Code writes, UTC with milliseconds
// ("2026-01-02T03:04:05.678Z"), without time.Parse's generality (which was
// 2% of reading a history); ok is false for any other text, which
// time.Parse then reads or refuses. A test holds the two equal on random
// texts of that form and their damages.
func utcMillis(ts []byte) (time.Time, bool) {
	if len(ts) != 24 || ts[4] != '-' || ts[7] != '-' || ts[10] != 'T' || ts[13] != ':' || ts[16] != ':' || ts[19] != '.' || ts[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, n int) (int, bool) {
		v := 0
		for _, c := range ts[i : i+n] {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 2)
	day, ok3 := num(8, 2)
	hour, ok4 := num(11, 2)
	minute, ok5 := num(14, 2)
	sec, ok6 := num(17, 2)
	milli, ok7 := num(20, 3)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 || year > MaxLogYear {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, milli*1e6, time.UTC), true
}

// daysIn is the number of days of a month of a year.
func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MaxTokenCount caps one usage field of one line. No single API response
// comes near a trillion tokens (context windows are about a million), so a
// larger count is corrupt; the cap also keeps sums over millions of lines
// far from int64 overflow, which would print negative totals.
const MaxTokenCount = 1_000_000_000_000

// tokenCount reads a non-negative integer of at most MaxTokenCount from a
// value's JSON text; absent (nil) or null is zero.
func tokenCount(raw []byte, key string) (int64, error) {
	if n := len(raw); n > 0 && n <= 13 && (raw[0] != '0' || n == 1) {
		// The usual plain count, read without strconv's generality.
		var v int64
		for _, c := range raw {
			if c < '0' || c > '9' {
				v = -1
				break
			}
			v = v*10 + int64(c-'0')
		}
		if v >= 0 && v <= MaxTokenCount {
			return v, nil
		}
	}
	if raw == nil || string(raw) == "null" {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 0 || n > MaxTokenCount {
		return 0, fmt.Errorf("usage.%s is %s, not a token count", key, raw)
	}
	return n, nil
}
