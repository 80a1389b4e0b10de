package shape

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// ReadOptions bound a read.
type ReadOptions struct {
	// Since and Until keep the sessions whose first call lies in
	// [Since, Until); a zero value leaves that side open. A file last
	// modified before Since is not opened: transcripts are append-only.
	Since, Until time.Time
}

// reader holds the state of one read: dedup tables across files, and the
// sessions built so far.
type reader struct {
	fsys     usage.FileSystem
	parser   fastjson.Parser
	calls    map[string]*call // by message id + request id
	uuids    map[string]bool  // user and compaction lines already placed
	sessions map[string]*session
	corpus   *Corpus
}

// Read reads the transcripts files (as usage.FindFiles lists them, sorted
// by path) for their shape. It never fails: unreadable files and lines are
// counted and listed as problems, and the rest is read.
func Read(fsys usage.FileSystem, files []usage.LogFile, opt ReadOptions) *Corpus {
	r := &reader{
		fsys:     fsys,
		calls:    map[string]*call{},
		uuids:    map[string]bool{},
		sessions: map[string]*session{},
		corpus:   &Corpus{},
	}
	for i, f := range files {
		if !opt.Since.IsZero() && f.ModTime.Before(opt.Since) {
			r.corpus.Stats.FilesSkipped++
			continue
		}
		r.readFile(i, f)
	}
	r.dropReplays()
	c := r.corpus
	starts := map[*session]time.Time{}
	for _, s := range r.sessions {
		start, ok := s.start()
		if !ok || !within(start, opt.Since, opt.Until) {
			continue
		}
		starts[s] = start
		c.sessions = append(c.sessions, s)
	}
	sort.Slice(c.sessions, func(i, j int) bool {
		a, b := starts[c.sessions[i]], starts[c.sessions[j]]
		if !a.Equal(b) {
			return a.Before(b)
		}
		return c.sessions[i].id < c.sessions[j].id
	})
	return c
}

func within(t, since, until time.Time) bool {
	return (since.IsZero() || !t.Before(since)) && (until.IsZero() || t.Before(until))
}

// fileTrouble gathers one file's unreadable lines into one problem.
type fileTrouble struct {
	bad, lines int
	first      string
	incomplete bool
}

func (t *fileTrouble) add(lineNo int, err error) {
	t.bad++
	if t.first == "" {
		msg := err.Error()
		if len(msg) > 120 {
			msg = msg[:120] + "…"
		}
		t.first = fmt.Sprintf("%d: %s", lineNo, msg)
	}
}

func (r *reader) readFile(index int, f usage.LogFile) {
	st := &r.corpus.Stats
	st.Files++
	rc, err := r.fsys.Open(f.Path)
	if err != nil {
		r.problem(f.Path, discover.ErrText(err))
		return
	}
	defer rc.Close()
	lr := newLineReader(rc)
	var trouble fileTrouble
	var lastAt time.Time // the last time a line of this file gave
	var failed string    // why the file could not be read to its end
	for {
		b, complete, tooLong, err := lr.next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				failed = fmt.Sprintf("%s after %d lines (the lines before were read)", discover.ErrText(err), lr.lineNo)
			}
			break
		}
		trouble.lines++
		var l line
		switch {
		case tooLong:
			err = fmt.Errorf("line longer than %d MiB, skipped", maxLineBytes>>20)
		case !complete:
			if l, err = parseLine(&r.parser, b); err != nil {
				err = fmt.Errorf("incomplete last line: %w", err)
			}
		default:
			l, err = parseLine(&r.parser, b)
		}
		if err != nil {
			trouble.incomplete = trouble.incomplete || !complete
			trouble.add(lr.lineNo, err)
			// placed just after the last line with a time
			l = line{kind: lineUnreadable, at: lastAt}
		} else if !l.at.IsZero() {
			lastAt = l.at
		}
		r.place(position{index, lr.lineNo}, f, l)
	}
	st.Bytes += lr.n
	st.Lines += trouble.lines
	st.BadLines += trouble.bad
	var what []string // one problem per file, saying all that went wrong
	if failed != "" {
		what = append(what, failed)
	}
	if trouble.bad > 0 {
		w := fmt.Sprintf("%d of %d lines unreadable, skipped (first: line %s)", trouble.bad, trouble.lines, trouble.first)
		if trouble.incomplete {
			w += "; the last line is incomplete (file cut short or still being written)"
		}
		what = append(what, w)
	}
	if len(what) > 0 {
		r.problem(f.Path, strings.Join(what, "; "))
	}
}

func (r *reader) problem(path, what string) {
	r.corpus.Problems = append(r.corpus.Problems, usage.Problem{Path: path, What: what})
}

// place puts one line where it belongs: a call into its session's main
// thread or among its subagent calls, a user or compaction line into the
// main thread. Subagent user lines are not part of the main thread's turns.
// position is where a line was read: file index and line number.
type position struct{ file, line int }

func (r *reader) place(pos position, f usage.LogFile, l line) {
	st := &r.corpus.Stats
	side := l.sidechain || f.Subagent
	sid := l.sessionID
	if sid == "" {
		sid = f.Session
	}
	switch l.kind {
	case lineIgnored:
		return
	case lineAPIError:
		st.APIErrorLines++
		return
	case lineUnreadable:
		if !f.Subagent {
			s := r.session(sid, "", f)
			s.main = append(s.main, event{kind: lineUnreadable, at: l.at, file: pos.file, line: pos.line})
		}
		return
	case lineCall:
		st.CallLines++
		r.placeCall(pos, f, l, sid, side)
		return
	case lineUser:
		st.UserLines++
	case lineCompact:
		st.CompactLines++
	}
	if l.uuid != "" {
		if r.uuids[l.uuid] {
			st.DuplicateLines++
			return
		}
		r.uuids[l.uuid] = true
	}
	if side {
		return
	}
	s := r.session(sid, l.cwd, f)
	s.main = append(s.main, event{kind: l.kind, at: l.at, file: pos.file, line: pos.line,
		user: l.user, preTokens: l.preTokens, trigger: l.trigger})
}

// placeCall folds a line into its call: the lines of one response share
// message id and request id; the line with the larger token total is the
// most complete (earlier lines of a streamed reply can carry a partial
// output count), the first on a tie. A line without a message id is a call
// of its own.
func (r *reader) placeCall(pos position, f usage.LogFile, l line, sid string, side bool) {
	key := ""
	if l.msgID != "" {
		key = l.msgID + "\x00" + l.reqID
		if c := r.calls[key]; c != nil {
			r.corpus.Stats.DuplicateLines++
			if l.tokens.Total() > c.tokens.Total() {
				c.tokens = l.tokens
			}
			c.final = c.final || l.final
			c.toolUse = c.toolUse || l.toolUse
			if c.file == pos.file {
				if l.at.Before(c.first) {
					c.first = l.at
				}
				if l.at.After(c.last) {
					c.last = l.at
				}
			}
			return
		}
	}
	c := &call{first: l.at, last: l.at, tokens: l.tokens, final: l.final, toolUse: l.toolUse,
		model: l.model, version: l.version, msgID: l.msgID, file: pos.file}
	if key != "" {
		r.calls[key] = c
	}
	s := r.session(sid, l.cwd, f)
	if side {
		s.sub = append(s.sub, c)
		return
	}
	s.main = append(s.main, event{kind: lineCall, at: l.at, file: pos.file, line: pos.line, call: c})
}

// session returns the session id, made on first use. Its project is the
// first working directory a line names, else the project directory the
// file lies in.
func (r *reader) session(id, cwd string, f usage.LogFile) *session {
	s := r.sessions[id]
	if s == nil {
		s = &session{id: id}
		r.sessions[id] = s
	}
	if s.cwd == "" {
		s.cwd = cwd
	}
	if s.projectDir == "" {
		s.projectDir = f.ProjectDir
	}
	return s
}

// dropReplays removes subagent calls that replay a main-thread reply: a
// /btw side question re-logs a parent reply under the same message id with
// a new request id, as a sidechain. It is the same reply, counted once, on
// the main thread.
func (r *reader) dropReplays() {
	main := map[string]bool{}
	for _, s := range r.sessions {
		for _, e := range s.main {
			if e.kind == lineCall && e.call.msgID != "" {
				main[e.call.msgID] = true
			}
		}
	}
	for _, s := range r.sessions {
		kept := s.sub[:0]
		for _, c := range s.sub {
			if c.msgID != "" && main[c.msgID] {
				r.corpus.Stats.ReplaysDropped++
				continue
			}
			kept = append(kept, c)
		}
		s.sub = kept
	}
}
