package shape

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
)

// call is one API call: every line of one response (message id + request
// id) folded into one.
type call struct {
	first, last time.Time // the first and last line of the response in its file
	tokens      usage.Tokens
	final       bool // some line carried the stop reason: its output count is final
	toolUse     bool
	model       string
	version     string
	msgID       string
	file        int // the file the call was first seen in
}

// event is one step of a session's main thread, in the order the client
// wrote it.
type event struct {
	kind      lineKind // lineCall, lineUser, lineCompact or lineUnreadable
	at        time.Time
	call      *call
	user      userKind
	preTokens int64
	trigger   string
}

// segment is the main-thread events one file holds of one session; a
// resumed session can span files.
type segment struct {
	file   int
	events []event
}

// session is what was read of one session: its main thread and, apart,
// the calls its subagents (sidechains) made.
type session struct {
	id         string
	cwd        string
	projectDir string
	segments   []*segment
	sub        []*call
}

// project is where the session ran: its working directory, or the
// project directory its file lies in.
func (s *session) project() string {
	if s.cwd != "" {
		return s.cwd
	}
	return s.projectDir
}

// segment returns the session's segment of file, opening one if needed.
func (s *session) segment(file int) *segment {
	if n := len(s.segments); n > 0 && s.segments[n-1].file == file {
		return s.segments[n-1]
	}
	for _, g := range s.segments {
		if g.file == file {
			return g
		}
	}
	g := &segment{file: file}
	s.segments = append(s.segments, g)
	return g
}

// events returns the main thread in order: each file's events in the order
// they were written, files in the order of their first timestamp (then of
// path). Ordering within a file never uses timestamps: the file order is
// the order things happened in, even when the clock jumped.
func (s *session) events() []event {
	segs := append([]*segment{}, s.segments...)
	sort.SliceStable(segs, func(i, j int) bool {
		a, b := firstTime(segs[i]), firstTime(segs[j])
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.Before(b)
	})
	var out []event
	for _, g := range segs {
		out = append(out, g.events...)
	}
	return out
}

func firstTime(g *segment) time.Time {
	for _, e := range g.events {
		if !e.at.IsZero() {
			return e.at
		}
	}
	return time.Time{}
}

// start is the time of the session's first call, main thread first.
func (s *session) start() (time.Time, bool) {
	for _, e := range s.events() {
		if e.kind == lineCall {
			return e.call.first, true
		}
	}
	var t time.Time
	for _, c := range s.sub {
		if t.IsZero() || c.first.Before(t) {
			t = c.first
		}
	}
	return t, !t.IsZero()
}

// Stats counts what a read saw.
type Stats struct {
	Files          int   `json:"files"`
	FilesSkipped   int   `json:"files_skipped"`
	Bytes          int64 `json:"bytes"`
	Lines          int   `json:"lines"`
	CallLines      int   `json:"call_lines"`
	UserLines      int   `json:"user_lines"`
	CompactLines   int   `json:"compact_boundary_lines"`
	DuplicateLines int   `json:"duplicate_lines"`
	ReplaysDropped int   `json:"sidechain_replays_dropped"`
	APIErrorLines  int   `json:"api_error_lines"`
	BadLines       int   `json:"bad_lines"`
}

// Corpus is a set of transcripts read for their shape.
type Corpus struct {
	sessions []*session
	Stats    Stats
	// Problems are unreadable files and directories, and files with bad
	// lines, one per file.
	Problems []usage.Problem
}
