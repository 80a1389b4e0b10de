package usage

import (
	"errors"
	"fmt"
	"io"
)

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

// readFile parses one file. The adjacent lines of one reply (one per content
// block) are folded here with the same rule as the global merge, so the
// result is the same and memory holds about one entry per response.
func readFile(fsys FileSystem, f LogFile, lp *lineParser, lr *lineReader) *fileResult {
	res := &fileResult{stats: FileStats{Path: f.Path}}
	st := &res.stats
	rc, err := fsys.Open(f.Path)
	if err != nil {
		st.Err = errText(err)
		return res
	}
	defer rc.Close()
	var last *Entry // the previous usage line's entry: block lines of one reply are adjacent
	lr.reset(rc)
	defer lr.reset(nil)
	for {
		line, complete, err := lr.next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				st.Err = errText(err)
			}
			break
		}
		st.Lines++
		if lr.skipped || !mayCarryUsage(line) {
			switch {
			case !complete && (len(line) > 0 || lr.skipped):
				st.Incomplete = true // an unfinished line of any kind
				st.bad(lr.lineNo, errors.New("incomplete last line"))
			case lr.skipped && !lr.longShape.object():
				st.bad(lr.lineNo, errNotObject)
			case !lr.skipped && !looksLikeObject(line):
				st.bad(lr.lineNo, errNotObject)
			}
			continue
		}
		pl, err := lp.parse(line)
		if err != nil {
			if !complete {
				st.Incomplete = true
				err = fmt.Errorf("incomplete last line: %w", err)
			}
			st.bad(lr.lineNo, err)
			continue
		}
		if pl.invalidUTF8 {
			st.InvalidUTF8++
		}
		switch pl.kind {
		case lineUsage:
			st.UsageLines++
			fillFromPath(&pl.entry, f)
			if last != nil && pl.entry.id.hasMsg && pl.entry.id == last.id {
				res.duplicates++
				if pl.entry.Tokens.Total() > last.Tokens.Total() {
					*last = pl.entry
				}
				continue
			}
			res.entries = append(res.entries, pl.entry)
			last = &res.entries[len(res.entries)-1]
		case lineLimit:
			if pl.hit.SessionID == "" {
				pl.hit.SessionID = f.Session
			}
			res.hits = append(res.hits, pl.hit)
		case lineAPIError:
			st.APIErrorLines++
		}
	}
	res.bytes = lr.n
	return res
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
