package store

import (
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

// UsageData turns records into the entries `tierplan usage` and `plan
// --from-logs` read from Claude Code's transcripts, so the same reports and
// the same calibration come from the proxy: each successful call is an
// entry whose project is the developer ("user NAME"), and each 429 is a
// limit hit that resets when its retry-after says. Calls without a Claude Code session id are grouped per
// developer and day, as one session.
func UsageData(recs []Record) *usage.Data {
	var entries []usage.Entry
	var hits []usage.LimitHit
	lines, usageLines := 0, 0
	for _, r := range recs {
		project := "user " + r.User
		session := r.SessionID
		if session == "" {
			session = r.User + " " + r.Time.UTC().Format("2006-01-02")
		}
		switch {
		case r.Status == 429:
			hit := usage.LimitHit{Time: r.Time, SessionID: session, Project: project, Kind: hitKind(r), Message: hitMessage(r)}
			if secs, err := strconv.ParseInt(r.RetryAfter, 10, 64); err == nil && secs > 0 && secs < 400*24*3600 {
				hit.ResetAt = r.Time.Add(time.Duration(secs) * time.Second)
			}
			hits = append(hits, hit)
		case r.Status >= 200 && r.Status < 300 && r.Model != "" && strings.HasSuffix(r.Path, "/messages"):
			entries = append(entries, usage.Entry{
				Time: r.Time, SessionID: session, Project: project, Model: r.Model,
				Tokens: usage.Tokens{Input: r.Usage.Input, Output: r.Usage.Output,
					CacheWrite5m: r.Usage.CacheWrite5m, CacheWrite1h: r.Usage.CacheWrite1h, CacheRead: r.Usage.CacheRead},
			})
			usageLines++
		}
		lines++
	}
	d := usage.DataOf(entries, hits)
	d.Lines, d.UsageLines = lines, usageLines
	return d
}

// hitKind names what a 429 ran into: a budget window for the proxy's own
// refusals, the bucket whose remaining count was 0 for the API's, else the
// error type.
func hitKind(r Record) string {
	if r.Outcome == "budget" || strings.HasPrefix(r.Outcome, "queue") {
		return "proxy " + r.Outcome
	}
	for _, b := range []string{"requests", "input-tokens", "output-tokens", "tokens"} {
		if r.RateLimit["anthropic-ratelimit-"+b+"-remaining"] == "0" {
			return b
		}
	}
	if r.ErrorType != "" {
		return r.ErrorType
	}
	return "rate_limit"
}

func hitMessage(r Record) string {
	msg := "429 from the " + map[bool]string{true: "API", false: "proxy"}[r.Outcome == "upstream"]
	if r.RetryAfter != "" {
		msg += ", retry-after " + r.RetryAfter
	}
	return msg
}
