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

// event is one step of a session's main thread.
type event struct {
	kind      lineKind // lineCall, lineUser, lineCompact or lineUnreadable
	at        time.Time
	file      int // the file and line it came from, to keep the order of equal times
	line      int
	call      *call
	user      userKind
	preTokens int64
	trigger   string
}

// session is what was read of one session: its main thread and, apart,
// the calls its subagents (sidechains) made.
type session struct {
	id         string
	cwd        string
	projectDir string
	main       []event
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

// events returns the main thread in time order; equal times keep the
// order of files and lines. A resumed session continues in a new file that
// may copy the history first (those copies are dropped as duplicates), so
// only time can merge its files; within a file, times follow the order of
// the lines, which is the order things happened in.
func (s *session) events() []event {
	out := append([]event{}, s.main...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.at.Equal(b.at) {
			return a.at.Before(b.at)
		}
		if a.file != b.file {
			return a.file < b.file
		}
		return a.line < b.line
	})
	return out
}

// start is the time of the session's first call: the main thread's if it
// has one, else its subagents'.
func (s *session) start() (time.Time, bool) {
	var t time.Time
	for _, e := range s.main {
		if e.kind == lineCall && (t.IsZero() || e.call.first.Before(t)) {
			t = e.call.first
		}
	}
	if !t.IsZero() {
		return t, true
	}
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
