package paste

import (
	"regexp"
	"strings"
	"sync"
)

// What Claude Code prints in place of a response. The expressions are
// compiled on first use, not at package init: every command links this
// package, and only a paste being read needs them.
var (
	// Claude Code: "API Error: Request rejected (429) · Rate limited".
	reRejected = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Request rejected \(([1-5][0-9]{2})\)`) })
	// Claude Code's usage and billing lines, which stand in for the
	// response: "You've hit your limit · resets 6pm (Europe/Berlin)",
	// "5-hour limit reached ∙ resets 2am", "Claude AI usage limit
	// reached|1753077600", "You're out of extra usage · resets 9pm", "Extra
	// usage is required for 1M context · …", "Credit balance too low · Add
	// funds: …".
	reLimitLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:usage limit reached|limit reached|hit your (?:[a-z0-9-]+ )*limit|out of extra usage|extra usage is required|credit balance (?:is )?too low)`)
	})
	// limitWords are the literals a line must hold for reLimitLine to be
	// tried on it.
	limitWords = []string{"limit", "Limit", "LIMIT", "xtra usage", "redit balance"}
	// Claude Code's "API Error: …" lines that carry no JSON body.
	reAPIError = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`API Error:? ?\(?`) })
)

// findClaudeMessage finds what Claude Code printed in place of the
// response: a usage or billing line, else an "API Error: …" line without a
// body. It returns the message (with the lines a terminal wrapped it onto
// joined back) and the status it shows, if any.
func findClaudeMessage(data []byte) (msg string, status int, ok bool) {
	if m := lineMatches(data, reLimitLine(), limitWords, 1); m != nil {
		start := lineStart(data, m[0][0])
		msg = joinContinued(data, start)
		if m := reRejected().FindStringSubmatch(msg); m != nil {
			status, _ = statusCode(m[1])
		}
		return cleanMessage(msg), status, true
	}
	if m := lineMatches(data, reRejected(), []string{"Request rejected ("}, 1); m != nil {
		loc := m[0]
		status, _ = statusCode(string(data[loc[2]:loc[3]]))
		return cleanMessage(joinContinued(data, loc[1])), status, true
	}
	for _, loc := range lineMatches(data, reAPIError(), []string{"API Error"}, maxCandidates) {
		rest := joinContinued(data, loc[1])
		if strings.Contains(rest, "{") {
			continue // a body: findStatusBody's business
		}
		rest = strings.TrimSpace(rest)
		if len(rest) >= 3 {
			if code, ok := statusCode(rest[:3]); ok && (len(rest) == 3 || rest[3] == ' ') {
				status, rest = code, strings.TrimSpace(rest[3:])
			}
		}
		if rest != "" || status != 0 {
			return cleanMessage(rest), status, true
		}
	}
	return "", 0, false
}

// lineStart is the offset of the start of the line holding i.
func lineStart(data []byte, i int) int {
	for i > 0 && data[i-1] != '\n' {
		i--
	}
	return i
}

// joinContinued returns the text from pos to the end of its line, with the
// lines after it that continue it (indented, not a new bullet) joined on
// with a space: a terminal wrapped the message onto them.
func joinContinued(data []byte, pos int) string {
	line, next := readLine(data, pos)
	parts := []string{strings.TrimSpace(line)}
	for next < len(data) && len(parts) < 20 {
		l, after := readLine(data, next)
		t := strings.TrimSpace(l)
		if t == "" || len(l) == len(strings.TrimLeft(l, " \t")) || startsNewItem(t) || strings.HasPrefix(t, "at ") {
			break
		}
		parts = append(parts, t)
		next = after
	}
	return strings.Join(parts, " ")
}

// startsNewItem reports the markers with which Claude Code starts a new
// line of its own: a bullet, a tool result, a prompt.
func startsNewItem(t string) bool {
	for _, p := range []string{"●", "⎿", ">", "❯", "✻", "•"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// cleanMessage strips Claude Code's decorations around a message and
// unescapes the separator a JSON-escaped copy carries (\u00b7).
func cleanMessage(s string) string {
	s = strings.NewReplacer(`\u00b7`, "·", `\u2219`, "∙", `\u2022`, "•").Replace(s)
	s = strings.TrimSpace(s)
	for _, p := range []string{"●", "⎿", "❯", ">"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	s = strings.TrimPrefix(s, "API Error:")
	s = strings.TrimSpace(strings.TrimPrefix(s, "Error:"))
	return strings.Join(strings.Fields(strings.TrimLeft(s, "·∙• ")), " ")
}
