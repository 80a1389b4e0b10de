package usage

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
)

// worker is what one reading goroutine reuses from file to file: its
// parser (with its interned strings), its line reader (with its buffer)
// and a buffer for a file's entries.
type worker struct {
	parser  *transcript.Parser
	reader  *transcript.Reader
	entries []Entry
	now     time.Time
	// states: the read keeps what it found in an index, so each file's
	// state (with hashes of its head and tail, read into check) is taken.
	states bool
	check  [checkBytes]byte
}

func newWorker(now time.Time, states bool) *worker {
	return &worker{parser: transcript.NewParser(), reader: transcript.NewReader(nil), now: now, states: states}
}

// entryOf is a transcript call as an Entry.
func entryOf(c *transcript.Call) Entry {
	return Entry{Time: c.Time, SessionID: c.SessionID, Project: c.Project, Model: c.Model, Sidechain: c.Sidechain, Subagent: c.Subagent,
		Tokens:      Tokens{Input: c.Input, Output: c.Output, CacheWrite5m: c.CacheWrite5m, CacheWrite1h: c.CacheWrite1h, CacheRead: c.CacheRead},
		WebSearches: c.WebSearches, id: responseID{msg: c.MsgID, req: c.ReqID, hasMsg: c.HasMsg}}
}

// fileResult is one file's read, before the merge.
type fileResult struct {
	entries []Entry
	hits    []LimitHit
	stats   FileStats
	bytes   int64
	// duplicates are lines folded within the file.
	duplicates int
	// next is the file's state for the index; nil when it could not be
	// read to its end. Its entries are this read's, less those of a last
	// line without its newline (provisional), which is read again next
	// time.
	next        *fileState
	provisional bool
	// resumed: the read went on from the state's offset.
	resumed bool
}

// readFile parses one file, from where from (the file's state in the
// index, or nil) stopped if the file still starts and continues as it did
// then. The adjacent lines of one reply (one per content block) are folded
// here with the same rule as the global merge, so the result is the same
// and memory holds about one entry per response.
func readFile(fsys FileSystem, f LogFile, w *worker, from *fileState) *fileResult {
	lp, lr := w.parser, w.reader
	res := &fileResult{stats: FileStats{Path: f.Path}}
	st := &res.stats
	rc, err := fsys.Open(f.Path)
	if err != nil {
		st.Err = errText(err)
		return res
	}
	defer rc.Close()
	// Entries gather in the worker's buffer and are copied once, to their
	// exact size, at the end: no slice grows and is thrown away per file.
	res.entries = w.entries[:0]
	var committed *fileState
	defer func() {
		w.entries = res.entries[:0]
		res.entries = slices.Clip(slices.Clone(res.entries))
		if res.next != nil && res.next != committed {
			res.next.entries = res.entries
		}
	}()
	var offset int64
	if from != nil && from.offset > 0 && resumable(rc, from, w.check[:]) {
		res.resume(from)
		offset = from.offset
	}
	var last *Entry // the previous usage line's entry: block lines of one reply are adjacent
	if n := len(res.entries); n > 0 {
		last = &res.entries[n-1]
	}
	lr.ResetAt(rc, offset, st.Lines)
	defer lr.Reset(nil)
	if offset == 0 && lr.HasPrefix([]byte(exportMagic)) {
		res.entries, res.resumed = nil, false
		return readExportFile(lr.Rest(), f, res, w.now)
	}
	for {
		lineStart := lr.Offset()
		line, complete, err := lr.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				st.Err = errText(err)
			}
			break
		}
		if !complete && committed == nil && w.states {
			committed = res.state(f, lineStart, rc, true, w)
		}
		st.Lines++
		skipped := lr.Skipped()
		pl, passed, err := prefilter(lp, line, skipped, complete)
		if !passed {
			switch {
			case !complete && (len(line) > 0 || skipped):
				st.Incomplete = true // an unfinished line of any kind
				st.bad(lr.LineNo(), errors.New("incomplete last line"))
			case skipped && !lr.SkippedIsObject():
				st.bad(lr.LineNo(), transcript.ErrNotObject)
			case lr.TooLong():
				st.bad(lr.LineNo(), fmt.Errorf("too long: a line that may carry usage is longer than %d MiB; skipped", transcript.MaxLineBytes>>20))
			case !skipped && !transcript.LooksLikeObject(line):
				st.bad(lr.LineNo(), transcript.ErrNotObject)
			}
			continue
		}
		if err != nil {
			if !complete {
				st.Incomplete = true
				err = fmt.Errorf("incomplete last line: %w", err)
			}
			st.bad(lr.LineNo(), err)
			continue
		}
		if pl.InvalidUTF8 {
			st.InvalidUTF8++
		}
		switch pl.Kind {
		case transcript.Usage:
			st.UsageLines++
			res.provisional = res.provisional || committed != nil || !complete
			e := entryOf(&pl.Call)
			fillFromPath(&e, f)
			if last != nil && e.id.hasMsg && e.id == last.id {
				res.duplicates++
				if e.Tokens.Total() > last.Tokens.Total() {
					*last = e
				}
				continue
			}
			res.entries = append(res.entries, e)
			last = &res.entries[len(res.entries)-1]
		case transcript.Limit:
			res.provisional = res.provisional || committed != nil || !complete
			hit := LimitHit(pl.Hit)
			if hit.SessionID == "" {
				hit.SessionID = f.Session
			}
			res.hits = append(res.hits, hit)
		case transcript.APIError:
			st.APIErrorLines++
		}
	}
	res.bytes = lr.Offset()
	switch {
	case st.Err != "" || !w.states:
	case committed != nil:
		res.next = committed
	default:
		res.next = res.state(f, lr.Offset(), rc, false, w)
	}
	return res
}

// replyParseFirst lets prefilter parse a reply before any marker search;
// off, every line is searched first, as before: the order a test holds
// the other's reads equal to.
var replyParseFirst = true

// prefilter decides whether a line is decoded, and decodes it: passed is
// false for a line the prefilter leaves alone (a user line, one without
// the usage or error marker, one the reader skipped), else pl and err are
// the line's parse. A line that looks like an assistant reply is parsed
// before any marker search, which would only be a second pass over bytes
// the parse reads anyway, and passes when the parse settles what the
// search would have said (Parser.Certain: a call whose usage key is
// written plainly holds the marker, and a valid complete line that is
// nothing counts for nothing either way) or when the search, made then,
// passes it.
func prefilter(lp *transcript.Parser, line []byte, skipped, complete bool) (pl transcript.Line, passed bool, err error) {
	if skipped {
		return pl, false, nil
	}
	if !replyParseFirst {
		if !transcript.MayCarryUsage(line) {
			return pl, false, nil
		}
		pl, err = lp.Parse(line)
		return pl, true, err
	}
	switch transcript.Classify(line) {
	case transcript.UserLine:
		return pl, false, nil
	case transcript.ReplyLine:
		pl, err = lp.Parse(line)
		if err == nil && lp.Certain(pl, complete) || transcript.MayCarryUsage(line) {
			return pl, true, err
		}
		return transcript.Line{}, false, nil
	}
	if !transcript.HasMarker(line) {
		return pl, false, nil
	}
	pl, err = lp.Parse(line)
	return pl, true, err
}

// problem summarises a file's trouble in one line, or reports none.
func (s FileStats) problem() (Problem, bool) {
	var what string
	switch {
	case s.Err != "":
		what = s.Err
		if s.Lines > 0 {
			what = fmt.Sprintf("%s after %d lines (the lines before were counted)", s.Err, s.Lines)
		}
	case s.BadLines > 0:
		what = fmt.Sprintf("%d of %d lines unreadable, skipped (first: line %s)", s.BadLines, s.Lines, s.FirstBad)
		if s.Incomplete {
			what += "; the last line is incomplete (file cut short or still being written)"
		}
	case s.InvalidUTF8 > 0:
		if s.InvalidUTF8 == 1 {
			what = "1 line with invalid UTF-8; its usage was read"
		} else {
			what = fmt.Sprintf("%d lines with invalid UTF-8; their usage was read", s.InvalidUTF8)
		}
	default:
		return Problem{}, false
	}
	return Problem{Path: s.Path, What: what}, true
}

func (s *FileStats) bad(lineNo int, err error) {
	s.BadLines++
	if s.FirstBad == "" {
		msg := err.Error()
		if len(msg) > 120 {
			msg = msg[:120] + "…"
		}
		s.FirstBad = fmt.Sprintf("%d: %s", lineNo, msg)
	}
}

// fillFromPath supplies what an entry lacks from where its file lies.
func fillFromPath(e *Entry, f LogFile) {
	if e.SessionID == "" {
		e.SessionID = f.Session
	}
	if e.Project == "" {
		e.Project = f.ProjectDir
	}
	if f.Subagent {
		e.Subagent = true
	}
}
