package diagnose

import (
	"regexp"
	"strings"
	"sync"
	"time"
)

// messageFacts is what an error message or a client's line says in words:
// a kind and limit when the words decide them, and when work can resume.
type messageFacts struct {
	kind  Kind
	limit Limit
	// resume is an instant the words name ("resets 6pm (Europe/Berlin)",
	// "regain access on 2026-05-01 at 00:00 UTC", "…|1753077600").
	resume *time.Time
	// wait is a delay the words name ("try again in 1.342s").
	wait *time.Duration
}

// squash lowercases s and drops its white space, so phrases match however
// a terminal wrapped them; typographic apostrophes become plain ones.
func squash(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	return strings.Join(strings.Fields(s), "")
}

// phrases decide a kind from the words alone, first match wins. They are
// the vendors' and Claude Code's own wording.
var phrases = []struct {
	contains string
	kind     Kind
	limit    Limit
}{
	{"creditbalanceistoolow", KindBilling, LimitCredits},
	{"creditbalancetoolow", KindBilling, LimitCredits},
	{"extrausageisrequired", KindBilling, LimitExtraUsage},
	{"outofextrausage", KindBilling, LimitExtraUsage},
	{"drawfromextrausage", KindBilling, LimitExtraUsage},
	{"drawfromyourextrausage", KindBilling, LimitExtraUsage},
	{"specifiedapiusagelimits", KindSpendLimit, LimitNone},
	{"notyourusagelimit", KindOverloaded, LimitNone},
	{"temporarilylimitingrequests", KindOverloaded, LimitNone},
	{"promptistoolong", KindTooLarge, LimitNone},
	{"claudeaiusagelimitreached", KindSubscriptionLimit, LimitUnknown},
	{"youraccount'sratelimit", KindSubscriptionLimit, LimitUnknown},
}

// What the words of a message say. Compiled on first use, not at package
// init: every command links this package, and only a diagnosis reads these.
var (
	// Claude Code's plan lines: "5-hour limit reached ∙ resets 6pm",
	// "Session limit reached", "Weekly limit reached", "Opus weekly limit
	// reached", "You've hit your limit · resets 2:10pm (Europe/Moscow)".
	rePlanLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:(5-hour|five-hour|session)|(opus|sonnet|fable|haiku)? ?weekly(?: (opus|sonnet|fable|haiku))?|usage)? ?limit(?: reached|\b)|hit your (?:[a-z0-9-]+ )*limit`)
	})
	// "resets 6pm (Europe/Berlin)", "resets Oct 9, 10am", "reset at 3pm".
	reResetsAt = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bresets?(?: at)? (?:([a-z]{3})[a-z]* ([0-9]{1,2}),? (?:at )?)?([0-9]{1,2})(?::([0-9]{2}))? ?([ap]m)(?: \(([A-Za-z_]+(?:/[A-Za-z0-9_+-]+){0,2})\))?`)
	})
	// "You will regain access on 2026-05-01 at 00:00 UTC".
	reRegain = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)regain access on ([0-9]{4}-[0-9]{2}-[0-9]{2})(?: at ([0-9]{2}:[0-9]{2}))? ?UTC`)
	})
	// Claude Code's old "Claude AI usage limit reached|1753077600".
	reUnixSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\|([0-9]{9,11})\b`) })
	// OpenAI's "Please try again in 1.342s", Gemini's "Please retry in 38.01s".
	reTryAgain = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:try again|retry) in ([0-9hms.]+?)\.?(?:\s|$)`)
	})
)

// readMessage reads what the words of msg decide.
func readMessage(msg string, opt Options, n *notes) messageFacts {
	var f messageFacts
	if strings.TrimSpace(msg) == "" {
		return f
	}
	sq := squash(msg)
	for _, p := range phrases {
		if strings.Contains(sq, p.contains) {
			f.kind, f.limit = p.kind, p.limit
			break
		}
	}
	if f.kind == "" || f.kind == KindSubscriptionLimit {
		if l, ok := planLineLimit(msg); ok {
			f.kind, f.limit = KindSubscriptionLimit, l
		}
	}
	if f.kind == "" {
		if l, _ := limitFromMessage(msg); l != LimitNone {
			f.kind, f.limit = KindRateLimit, l
		} else if strings.Contains(sq, "ratelimit") || strings.Contains(sq, "toomanyrequests") {
			f.kind, f.limit = KindRateLimit, LimitUnknown
		}
	}
	f.resume = resumeFromWords(msg, opt, n)
	if strings.Contains(sq, "againin") || strings.Contains(sq, "retryin") {
		if m := reTryAgain().FindStringSubmatch(msg); m != nil {
			if d, ok := parseDuration(m[1]); ok {
				f.wait = &d
			}
		}
	}
	return f
}

// planLineLimit reads which window a Claude Code plan line names.
func planLineLimit(msg string) (Limit, bool) {
	low := strings.ToLower(msg)
	if strings.Contains(low, "rate limit") || !(strings.Contains(low, "limit reached") || strings.Contains(low, "hit your")) {
		return LimitNone, false // "Rate limit reached" is Claude Code's word for an API 429
	}
	m := rePlanLine().FindStringSubmatch(msg)
	if m == nil {
		return LimitNone, false
	}
	switch {
	case m[1] != "":
		return LimitWindow5h, true
	case m[2] != "" || m[3] != "":
		return LimitWeeklyModel, true
	case strings.Contains(strings.ToLower(m[0]), "weekly"):
		return LimitWeekly, true
	}
	return LimitUnknown, true
}

// resumeFromWords reads an instant the words name.
func resumeFromWords(msg string, opt Options, n *notes) *time.Time {
	// Literal checks first: the expressions are slow to fail on a long
	// message.
	low := strings.ToLower(msg)
	if !strings.Contains(low, "regain") && !strings.Contains(msg, "|") && !strings.Contains(low, "reset") {
		return nil
	}
	if m := reRegain().FindStringSubmatch(msg); m != nil {
		clock := m[2]
		if clock == "" {
			clock = "00:00"
		}
		if t, err := time.Parse("2006-01-02 15:04", m[1]+" "+clock); err == nil && inRange(t) {
			return &t
		}
	}
	if m := reUnixSuffix().FindStringSubmatch(msg); m != nil {
		if t, ok := parseUnix(m[1]); ok {
			return &t
		}
	}
	if m := reResetsAt().FindStringSubmatch(msg); m != nil {
		return clockReset(m, opt, n)
	}
	return nil
}

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// clockReset turns "resets [Oct 9, ]6[:30]pm [(Zone/Name)]" into the next
// such instant after now, in the named zone, else in opt.Local. The line
// carries no date of its own, so "next" is counted from now, and a note
// says so.
func clockReset(m []string, opt Options, n *notes) *time.Time {
	loc := opt.Local
	zoneWord := "the local time zone"
	if loc == nil {
		loc = time.UTC
	}
	if z := m[6]; z != "" {
		zoneWord = z
		switch l, err := opt.zone(z); {
		case err != nil:
			n.add("time zone %s of %q is not known here; read the time as %s", quote(z), "resets", loc.String())
		default:
			loc = l
		}
	} else {
		zoneWord = loc.String()
	}
	hour := atoi(m[3]) % 12
	if strings.EqualFold(m[5], "pm") {
		hour += 12
	}
	minute := atoi(m[4])
	if minute > 59 || atoi(m[3]) > 12 || atoi(m[3]) == 0 {
		return nil
	}
	now := opt.Now.In(loc)
	var t time.Time
	if mon, ok := months[strings.ToLower(m[1])]; ok {
		day := atoi(m[2])
		if day < 1 || day > 31 {
			return nil
		}
		t = time.Date(now.Year(), mon, day, hour, minute, 0, 0, loc)
		if t.Before(now.Add(-24 * time.Hour)) {
			t = t.AddDate(1, 0, 0)
		}
	} else {
		t = time.Date(now.Year(), now.Month(), now.Day(), hour, minute, 0, 0, loc)
		if t.Before(now) {
			t = t.AddDate(0, 0, 1)
		}
	}
	t = t.UTC()
	if !inRange(t) {
		return nil
	}
	n.add("read %s as the next such time after now, in %s: the line gives no full date", quote(strings.TrimSpace(m[0])), zoneWord)
	return &t
}

func atoi(s string) int {
	v := 0
	for _, c := range s {
		v = v*10 + int(c-'0')
	}
	return v
}
