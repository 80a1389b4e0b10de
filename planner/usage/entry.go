// Package usage reads Claude Code's local JSONL transcripts and turns them into
// usage reports: token totals and API-equivalent cost per day, session,
// project, model and 5-hour block, observed per-minute peaks replayed against
// every API tier, and a workload calibrated from what was actually done.
//
// The rules it follows are those of the transcript format: one line per
// content block of a reply (deduplicated on message id + request id, keeping
// the most complete line), subagent files under <session>/subagents/
// attributed to their parent session, sidechain replays of a parent message
// dropped, synthetic error lines skipped but limit hits recorded.
//
// An Index (kept by the caller in a cache directory it chooses) remembers
// what each file held, so a read opens only the files that changed and
// reads a grown file from where it stopped; an export carries the distinct
// calls of one machine to another, where they merge with exact
// deduplication.
//
// The package never prints and never reads the clock: files are read through
// a FileSystem, progress goes to a callback, and times come from the lines.
package usage

import (
	"math"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/discover"
	"github.com/tierplan/tierplan/tiers"
)

// Tokens counts the four kinds of tokens usage tools count, with the cache
// write split by time to live because the two are priced differently.
type Tokens struct {
	Input        int64 `json:"input_tokens"`
	Output       int64 `json:"output_tokens"`
	CacheWrite5m int64 `json:"cache_write_5m_tokens"`
	CacheWrite1h int64 `json:"cache_write_1h_tokens"`
	CacheRead    int64 `json:"cache_read_tokens"`
}

// CacheWrite is the total written to the prompt cache, both TTLs.
func (t Tokens) CacheWrite() int64 { return addSat(t.CacheWrite5m, t.CacheWrite1h) }

// Total is all four kinds, as ccusage and the plan's --tokens count them.
func (t Tokens) Total() int64 {
	return addSat(addSat(t.Input, t.Output), addSat(t.CacheWrite(), t.CacheRead))
}

// Context is the size of the prompt a request sent: uncached input, cache
// write and cache read. The long-context price rule tests this.
func (t Tokens) Context() int64 { return addSat(addSat(t.Input, t.CacheWrite()), t.CacheRead) }

// Add adds o to t; a sum that would pass the largest int64 stays there.
func (t *Tokens) Add(o Tokens) {
	t.Input = addSat(t.Input, o.Input)
	t.Output = addSat(t.Output, o.Output)
	t.CacheWrite5m = addSat(t.CacheWrite5m, o.CacheWrite5m)
	t.CacheWrite1h = addSat(t.CacheWrite1h, o.CacheWrite1h)
	t.CacheRead = addSat(t.CacheRead, o.CacheRead)
}

// Entry is one API call as a transcript line records it.
type Entry struct {
	Time      time.Time
	SessionID string
	Project   string // the session's working directory (cwd), or the project directory name
	Model     string // the model id as logged, e.g. claude-sonnet-4-5-20250929
	Sidechain bool
	// Subagent marks work done by a subagent (Task tool), counted once, in
	// its parent session.
	Subagent bool
	Tokens   Tokens
	// WebSearches are server-side tool uses, billed per search, not per token.
	WebSearches int64

	// id identifies the API response (message.id, requestId) for dedup;
	// hashed, because a long history holds millions of them.
	id responseID
}

// responseID is a 64-bit hash of message.id and one of requestId. hasMsg is
// false for lines without a message id, which are never deduplicated.
type responseID struct {
	msg, req uint64
	hasMsg   bool
}

// LimitHit is a limit the user ran into, as Claude Code recorded it in a
// synthetic error line: the only ground truth about plan windows in local logs.
type LimitHit struct {
	Time      time.Time `json:"time"`
	SessionID string    `json:"session_id"`
	Project   string    `json:"project"`
	// Kind is what ran out as the message names it: "usage" (old clients'
	// "Claude AI usage limit reached"), "session", "weekly", "opus", …
	Kind string `json:"kind"`
	// ResetAt is when the limit resets; zero when the message gives no time
	// tierplan can read (the text is kept in Message).
	ResetAt time.Time `json:"reset_at,omitzero"`
	Message string    `json:"message"`
}

// Sums never wrap around. One usage field of one line is at most
// maxTokenCount, but a report adds up any number of lines, and prices
// multiply: instead of a negative total, a sum that would pass the
// largest int64 stays there, and the report says so (see overflowProblem).

// addSat adds two non-negative counts, stopping at math.MaxInt64.
func addSat(a, b int64) int64 {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxInt64
}

func addMoneySat(a, b tiers.Money) tiers.Money { return tiers.Money(addSat(int64(a), int64(b))) }

// saturated reports whether a sum reached the cap.
func saturated(n int64) bool { return n == math.MaxInt64 }

// overflowProblem is the report's note when a sum reached the cap.
func overflowProblem(s Sum) (Problem, bool) {
	for _, n := range []int64{s.Requests, s.InputTokens, s.OutputTokens, s.CacheCreationTokens, s.CacheWrite5mTokens,
		s.CacheWrite1hTokens, s.CacheReadTokens, s.TotalTokens, int64(s.CostUSD), s.UnpricedTokens, s.WebSearchRequests} {
		if saturated(n) {
			return Problem{What: "token or cost sums pass 9,223,372,036,854,775,807, the largest number tierplan can add up to; the totals shown stop there"}, true
		}
	}
	return Problem{}, false
}

// unixUTC is the instant sec, nsec after the Unix epoch, in UTC.
func unixUTC(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

// Where transcripts are and how they are found lives in
// internal/discover; these names are the package's own API for it.

// LogFile is one transcript file found on disk.
type LogFile = discover.LogFile

// FileSystem is all the package asks of the operating system, so tests can
// put an unreadable file or directory in the way even when they run as root.
type FileSystem = discover.FileSystem

// OSFileSystem reads the real file system, with native paths.
type OSFileSystem = discover.OSFileSystem

// Problem is a file or directory that could not be read, or a file with
// lines that could not be used. Problems are reported, never silently
// skipped.
type Problem = discover.Problem

// ConfigDirEnv is the variable Claude Code reads for its config directory;
// usage tools accept a comma-separated list.
const ConfigDirEnv = discover.ConfigDirEnv

// FindFiles lists the transcripts under paths, sorted by path (see
// discover.FindFiles: links followed, each file and directory read once;
// unreadable paths are problems; a path that does not exist is an error).
func FindFiles(fsys FileSystem, paths []string) ([]LogFile, []Problem, error) {
	return discover.FindFiles(fsys, paths)
}

// DefaultRoots returns the projects directories Claude Code writes
// transcripts to: the entries of CLAUDE_CONFIG_DIR when it is set, else
// ~/.claude/projects and $XDG_CONFIG_HOME/claude/projects, whichever exist.
func DefaultRoots(fsys FileSystem, getenv func(string) string, home string) ([]string, error) {
	return discover.DefaultRoots(fsys, getenv, home)
}

// fileIdentity is a file's device and inode; zero when unknown.
type fileIdentity = discover.FileID

func errText(err error) string { return discover.ErrText(err) }
