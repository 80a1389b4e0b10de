package usage

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cespare/xxhash/v2"

	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
)

// worker is what one reading goroutine reuses from file to file: its
// parser (with its interned strings), its line reader (with its buffer)
// and a buffer for a file's entries.
type worker struct {
	parser  *transcript.Parser
	reader  *transcript.Reader
	entries []Entry
}

func newWorker() *worker {
	return &worker{parser: transcript.NewParser(), reader: transcript.NewReader(nil)}
}

// entryOf is a transcript call as an Entry.
func entryOf(c *transcript.Call) Entry {
	return Entry{Time: c.Time, SessionID: c.SessionID, Project: c.Project, Model: c.Model, Sidechain: c.Sidechain, Subagent: c.Subagent,
		Tokens:      Tokens{Input: c.Input, Output: c.Output, CacheWrite5m: c.CacheWrite5m, CacheWrite1h: c.CacheWrite1h, CacheRead: c.CacheRead},
		WebSearches: c.WebSearches, id: responseID{msg: c.MsgID, req: c.ReqID, hasMsg: c.HasMsg}}
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

// readFile parses one file, from where from (the file's state in the
// index, or nil) stopped if the file still starts and continues as it did
// then. The adjacent lines of one reply (one per content block) are folded
// here with the same rule as the global merge, so the result is the same
// and memory holds about one entry per response. The result carries the
// file's new state, unless it could not be read to its end.
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
	if isExport(rc) {
		return readExportFile(rc, f, res)
	}
	// Entries gather in the worker's buffer and are copied once, to their
	// exact size, at the end: no slice grows and is thrown away per file.
	res.entries = w.entries[:0]
	defer func() {
		w.entries = res.entries[:0]
		res.entries = slices.Clip(slices.Clone(res.entries))
		if res.next != nil && !res.nextCopied {
			res.next.entries = res.entries
		}
	}()
	var offset int64
	if from != nil && from.offset > 0 && resumable(rc, from) {
		res.resume(from)
		offset = from.offset
	}
	var last *Entry // the previous usage line's entry: block lines of one reply are adjacent
	if n := len(res.entries); n > 0 {
		last = &res.entries[n-1]
	}
	lr.ResetAt(rc, offset, st.Lines)
	defer lr.Reset(nil)
	var committed *fileState
	for {
		lineStart := lr.Offset()
		line, complete, err := lr.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				st.Err = errText(err)
			}
			break
		}
		if !complete && committed == nil {
			committed = res.state(f, lineStart, rc, true)
		}
		st.Lines++
		skipped := lr.Skipped()
		if skipped || !transcript.MayCarryUsage(line) {
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
		pl, err := lp.Parse(line)
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
	case st.Err != "":
	case committed != nil:
		res.next, res.nextCopied = committed, true
	default:
		res.next = res.state(f, lr.Offset(), rc, false)
	}
	return res
}

// resume starts a result from a file's earlier state. The entries are
// copied: the last may still be folded with the next line, and the state
// must stay as it was.
func (res *fileResult) resume(from *fileState) {
	path := res.stats.Path
	res.stats = from.stats
	res.stats.Path = path
	res.duplicates = from.duplicates
	res.entries = append(res.entries, from.list()...)
	res.hits = append([]LimitHit(nil), from.hits...)
}

// state is the result so far as a file state ending at offset. The slices
// are capped, so what is appended later does not reach the state; with
// more lines to come (before the last, incomplete line), the last entry,
// which that line may fold into, is copied.
func (res *fileResult) state(f LogFile, offset int64, r io.Reader, more bool) *fileState {
	n := len(res.entries)
	st := res.stats
	st.Incomplete, st.Err = false, ""
	// A file that grew after it was found was read past the size found.
	s := &fileState{path: f.Path, id: f.id, size: max(f.Size, offset), modTime: f.ModTime.UnixNano(), offset: offset,
		stats: st, duplicates: res.duplicates, hits: res.hits[:len(res.hits):len(res.hits)]}
	if more {
		s.entries = slices.Clone(res.entries[:n])
	}
	if ra, ok := r.(io.ReaderAt); ok {
		s.head, s.tail, _ = regionSums(ra, offset)
	}
	return s
}

// regionSums hashes the first checkBytes bytes of a file and the
// checkBytes bytes before offset (the same bytes when offset is smaller).
func regionSums(ra io.ReaderAt, offset int64) (head, tail uint64, ok bool) {
	buf := make([]byte, min(offset, checkBytes))
	if _, err := ra.ReadAt(buf, 0); err != nil {
		return 0, 0, false
	}
	head = xxhash.Sum64(buf)
	if offset <= checkBytes {
		return head, head, true
	}
	if _, err := ra.ReadAt(buf, offset-checkBytes); err != nil {
		return 0, 0, false
	}
	return head, xxhash.Sum64(buf), true
}

// resumable reports whether the file still holds what its state was read
// from, and moves to the state's offset: same device and inode (where
// known), at least as long, the same first bytes and the same bytes before
// the offset. Anything else (a file truncated, replaced, rotated, rewritten)
// is read again from its start.
func resumable(r io.Reader, from *fileState) bool {
	ra, okAt := r.(io.ReaderAt)
	sk, okSeek := r.(io.Seeker)
	if !okAt || !okSeek {
		return false
	}
	head, tail, ok := regionSums(ra, from.offset)
	if !ok || head != from.head || tail != from.tail {
		return false
	}
	_, err := sk.Seek(from.offset, io.SeekStart)
	return err == nil
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
