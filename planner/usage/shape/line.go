package shape

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
)

// lineKind says what one transcript line is to a session's shape.
type lineKind int

const (
	lineIgnored    lineKind = iota // housekeeping: titles, snapshots, queue operations, hook output
	lineCall                       // an assistant line with message.usage: (a block of) one API call
	lineUser                       // a user line: prompt, tool result, command, …
	lineCompact                    // a compact_boundary system line
	lineAPIError                   // Claude Code's own synthetic error line: no API call was answered
	lineUnreadable                 // a line that could not be read: what it was is unknown
)

// userKind is what a user line means for the turn structure.
type userKind int

const (
	userPrompt         userKind = iota // text a human typed: starts a turn
	userCommand                        // a slash command: starts a turn when a call follows
	userToolResult                     // a tool's output: the tool loop goes on
	userMeta                           // isMeta: caveats, expanded commands, hook context
	userLocal                          // output of a local command or of shell mode: no API call
	userInterrupt                      // "[Request interrupted by user…]": ends a turn, starts none
	userCompactSummary                 // the summary that replaces the history after a compaction
)

// line is what a transcript line tells the shape; only the fields of its
// kind are set.
type line struct {
	kind      lineKind
	at        time.Time
	sessionID string
	uuid      string
	sidechain bool   // isSidechain, or written by a subagent
	agentID   string // the subagent, when the client names it
	version   string // Claude Code's version
	cwd       string // the session's working directory

	// lineCall
	msgID, reqID string
	model        string
	tokens       usage.Tokens
	final        bool // stop_reason is set: the output count is the final one
	toolUse      bool // the block is a tool_use: a tool runs before the next call

	// lineUser
	user userKind

	// lineCompact
	preTokens int64  // compactMetadata.preTokens: the context Claude Code measured
	trigger   string // compactMetadata.trigger: "auto" or "manual"
}

// Prefixes of user text that a human did not type as a prompt. Claude Code
// wraps slash commands, their output and shell-mode lines in these tags;
// the interrupt marker is written by the client when the user presses Esc.
var (
	commandTags   = []string{"<command-name>", "<command-message>"}
	localTags     = []string{"<local-command-", "<bash-input>", "<bash-stdout>", "<bash-stderr>"}
	interruptMark = "[Request interrupted by user"
	// oldSummaryMark opens the summary user line of clients that predate
	// isCompactSummary.
	oldSummaryMark = "This session is being continued from a previous conversation"
)

// parseLine decodes one line. A line that is not a JSON object, an
// assistant, user or compaction line without a readable timestamp, and
// usage whose counts are not non-negative integers are errors: such a line
// is counted as unreadable, never guessed at.
func parseLine(p *fastjson.Parser, b []byte) (line, error) {
	var l line
	v, err := p.ParseBytes(b)
	if err != nil {
		return l, fmt.Errorf("invalid JSON: %w", err)
	}
	if v.Type() != fastjson.TypeObject {
		return l, errors.New("not a JSON object")
	}
	msg := v.Get("message")
	if msg != nil && msg.Type() != fastjson.TypeObject {
		msg = nil
	}
	typ := string(v.GetStringBytes("type"))
	switch {
	case typ == "assistant" || typ == "" && msg != nil && msg.Exists("usage"):
		if v.GetBool("isApiErrorMessage") || string(msg.GetStringBytes("model")) == "<synthetic>" {
			l.kind = lineAPIError
			return l, nil
		}
		if msg == nil || !msg.Exists("usage") || msg.Get("usage").Type() == fastjson.TypeNull {
			return l, nil // an assistant line without usage says nothing about a call
		}
		l.kind = lineCall
	case typ == "user":
		l.kind = lineUser
	case typ == "system" && string(v.GetStringBytes("subtype")) == "compact_boundary":
		l.kind = lineCompact
	default:
		return l, nil
	}
	if l.at, err = lineTime(v); err != nil {
		return line{}, err
	}
	l.sessionID = string(v.GetStringBytes("sessionId"))
	l.uuid = string(v.GetStringBytes("uuid"))
	l.agentID = string(v.GetStringBytes("agentId"))
	l.sidechain = v.GetBool("isSidechain") || l.agentID != ""
	l.version = string(v.GetStringBytes("version"))
	l.cwd = string(v.GetStringBytes("cwd"))
	switch l.kind {
	case lineCall:
		err = readCall(v, msg, &l)
	case lineUser:
		l.user = classifyUser(v, msg)
	case lineCompact:
		meta := v.Get("compactMetadata")
		if meta != nil && meta.Type() == fastjson.TypeObject {
			if l.preTokens, err = count(meta, "preTokens"); err != nil {
				err = fmt.Errorf("compactMetadata.%w", err)
			}
			l.trigger = string(meta.GetStringBytes("trigger"))
		}
	}
	if err != nil {
		return line{}, err
	}
	return l, nil
}

// readCall reads the API call an assistant line belongs to.
func readCall(v, msg *fastjson.Value, l *line) error {
	u := msg.Get("usage")
	if u.Type() != fastjson.TypeObject {
		return errors.New("message.usage is not an object")
	}
	l.msgID = string(msg.GetStringBytes("id"))
	l.reqID = string(v.GetStringBytes("requestId"))
	l.model = string(msg.GetStringBytes("model"))
	sr := msg.Get("stop_reason")
	l.final = sr != nil && sr.Type() == fastjson.TypeString && len(sr.GetStringBytes()) > 0
	for _, block := range msg.GetArray("content") {
		if string(block.GetStringBytes("type")) == "tool_use" {
			l.toolUse = true
		}
	}
	var err error
	l.tokens, err = readTokens(u)
	return err
}

// readTokens reads message.usage. Without the cache_creation breakdown (old
// clients) the whole cache write was made with the default 5-minute TTL.
func readTokens(u *fastjson.Value) (usage.Tokens, error) {
	var t usage.Tokens
	var err error
	field := func(obj *fastjson.Value, key string) int64 {
		if err != nil {
			return 0
		}
		n, e := count(obj, key)
		if e != nil {
			err = fmt.Errorf("usage.%w", e)
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
	return t, err
}

// maxCount bounds one token count as usage bounds it: no request comes near
// a trillion tokens, so a larger number is corrupt, and the bound keeps sums
// far from overflow.
const maxCount = transcript.MaxTokenCount

// count reads a non-negative integer field; absent or null is zero.
func count(obj *fastjson.Value, key string) (int64, error) {
	f := obj.Get(key)
	if f == nil || f.Type() == fastjson.TypeNull {
		return 0, nil
	}
	n, err := f.Int64()
	if err != nil || n < 0 || n > maxCount {
		return 0, fmt.Errorf("%s is %.40s, not a token count", key, f.String())
	}
	return n, nil
}

// lineTime reads the line's ISO-8601 timestamp, by usage's rule.
func lineTime(v *fastjson.Value) (time.Time, error) {
	return transcript.LineTime(v.GetStringBytes("timestamp"))
}

// classifyUser tells what a user line is. A line holding a tool_result
// block is a tool result, whatever else it holds; flags come next; then the
// first text decides, since Claude Code marks its own lines by a prefix.
func classifyUser(v, msg *fastjson.Value) userKind {
	if v.GetBool("isCompactSummary") {
		return userCompactSummary
	}
	var content *fastjson.Value
	if msg != nil {
		content = msg.Get("content")
	}
	text, blocks := "", 0
	if content != nil {
		switch content.Type() {
		case fastjson.TypeString:
			text, blocks = string(content.GetStringBytes()), 1
		case fastjson.TypeArray:
			for _, b := range content.GetArray() {
				blocks++
				switch string(b.GetStringBytes("type")) {
				case "tool_result":
					return userToolResult
				case "text":
					if text == "" {
						text = string(b.GetStringBytes("text"))
					}
				}
			}
		}
	}
	if blocks == 0 && v.Exists("toolUseResult") {
		return userToolResult
	}
	if v.GetBool("isMeta") || blocks == 0 {
		return userMeta
	}
	text = strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(text, interruptMark):
		return userInterrupt
	case hasAnyPrefix(text, commandTags):
		return userCommand
	case hasAnyPrefix(text, localTags):
		return userLocal
	case strings.HasPrefix(text, oldSummaryMark):
		return userCompactSummary
	}
	return userPrompt
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
