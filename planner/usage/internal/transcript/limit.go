package transcript

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// limitKind tells whether a synthetic error line reports a usage limit, and
// which one. Claude Code has written several wordings:
//
//	Claude AI usage limit reached|1762297200                    (1.x)
//	5-hour limit reached ∙ resets 3am                           (mid 2025)
//	You've hit your session limit · resets 9:50pm (Europe/Paris) (2.x)
//	You've hit your weekly limit · resets Oct 6, 2pm (UTC)
func limitKind(text, errorField string) (string, bool) {
	lower := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	switch {
	case strings.Contains(lower, "usage limit reached"):
		return "usage", true
	case strings.Contains(lower, "hit your "):
		rest := lower[strings.Index(lower, "hit your ")+len("hit your "):]
		if i := strings.Index(rest, " limit"); i > 0 {
			return strings.TrimSpace(rest[:i]), true
		}
		return "limit", true
	case strings.Contains(lower, "5-hour limit reached"):
		return "session", true
	case strings.Contains(lower, "weekly limit reached"):
		return "weekly", true
	case errorField == "rate_limit":
		return "rate_limit", true
	}
	return "", false
}

// The reset time a limit line names. The expressions are compiled on
// first use, not at package init: every command links this package, and
// only a history with a limit hit in it needs them.
var (
	epochSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\|(\d{9,11})\s*$`) })
	// resetsClause captures an optional "Oct 6," date, the clock time and an
	// optional (zone) after "resets".
	resetsClause = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)resets\s+(?:at\s+)?(?:([A-Z][a-z]{2,8})\s+(\d{1,2}),?\s+(?:at\s+)?)?(\d{1,2})(?::(\d{2}))?\s*([ap]m)\b(?:\s*\(([^)]+)\))?`)
	})
)

// resetTime reads the reset time a limit message gives, relative to the
// line's own time; zero when there is none or it cannot be read.
func resetTime(text string, at time.Time) time.Time {
	if m := epochSuffix().FindStringSubmatch(text); m != nil {
		sec, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil && sec >= 0 && sec <= MaxLogUnix {
			return time.Unix(sec, 0).UTC()
		}
	}
	m := resetsClause().FindStringSubmatch(text)
	if m == nil {
		return time.Time{}
	}
	loc := time.UTC
	if m[6] != "" {
		l, err := time.LoadLocation(strings.TrimSpace(m[6]))
		if err != nil {
			return time.Time{}
		}
		loc = l
	}
	hour, _ := strconv.Atoi(m[3])
	minute := 0
	if m[4] != "" {
		minute, _ = strconv.Atoi(m[4])
	}
	if hour < 1 || hour > 12 || minute > 59 {
		return time.Time{}
	}
	hour %= 12
	if strings.EqualFold(m[5], "pm") {
		hour += 12
	}
	local := at.In(loc)
	if m[1] != "" {
		month, ok := monthNamed(m[1])
		day, _ := strconv.Atoi(m[2])
		if !ok || day < 1 || day > 31 {
			return time.Time{}
		}
		t := time.Date(local.Year(), month, day, hour, minute, 0, 0, loc)
		if t.Before(at.Add(-24 * time.Hour)) { // "Jan 2" written in late December
			t = t.AddDate(1, 0, 0)
		}
		return t.UTC()
	}
	t := time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, loc)
	if !t.After(at) {
		t = t.AddDate(0, 0, 1)
	}
	return t.UTC()
}

func monthNamed(s string) (time.Month, bool) {
	if len(s) < 3 {
		return 0, false
	}
	p := strings.ToLower(s[:3])
	for m := time.January; m <= time.December; m++ {
		if strings.ToLower(m.String()[:3]) == p {
			return m, true
		}
	}
	return 0, false
}
