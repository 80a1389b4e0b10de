package shape

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/planner/usage"
)

// memFS serves files from memory; a file whose content is "ERR:…" fails to
// open, "IOERR:…" fails after the text that follows.
type memFS map[string]string

func (m memFS) Open(name string) (io.ReadCloser, error) {
	c, ok := m[name]
	switch {
	case !ok:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case strings.HasPrefix(c, "ERR:"):
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New(c[4:])}
	case strings.HasPrefix(c, "IOERR:"):
		return io.NopCloser(&failingReader{after: c[6:]}), nil
	}
	return io.NopCloser(strings.NewReader(c)), nil
}

func (m memFS) Stat(string) (fs.FileInfo, error)      { return nil, errors.New("not used") }
func (m memFS) ReadDir(string) ([]fs.DirEntry, error) { return nil, errors.New("not used") }

// logFile describes a main-thread file of session sid.
func logFile(path, sid string) usage.LogFile {
	return usage.LogFile{Path: path, Session: sid, ProjectDir: "-p"}
}

// at is a time on a fixed day, "HH:MM:SS".
func at(hms string) string { return "2025-11-03T" + hms + ".000Z" }

func prompt(sid, uuid, hms, text string) string {
	return fmt.Sprintf(`{"type":"user","sessionId":%q,"uuid":%q,"timestamp":%q,"message":{"role":"user","content":%q}}`, sid, uuid, at(hms), text)
}

func toolResult(sid, uuid, hms string) string {
	return fmt.Sprintf(`{"type":"user","sessionId":%q,"uuid":%q,"timestamp":%q,"message":{"content":[{"type":"tool_result","tool_use_id":"t"}]}}`, sid, uuid, at(hms))
}

// reply is a final reply line: read + write + 1 input make its context.
func reply(sid, msg, hms string, write, read, output int64, toolUse bool) string {
	block, stop := `{"type":"text","text":"x"}`, "end_turn"
	if toolUse {
		block, stop = `{"type":"tool_use","id":"t","name":"Read"}`, "tool_use"
	}
	return fmt.Sprintf(`{"type":"assistant","sessionId":%q,"uuid":"u-%s","timestamp":%q,"requestId":"r-%s",`+
		`"message":{"id":%q,"model":"claude-sonnet-4-5-20250929","content":[%s],"stop_reason":%q,`+
		`"usage":{"input_tokens":1,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,"output_tokens":%d}}}`,
		sid, msg, at(hms), msg, msg, block, stop, write, read, output)
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// analyze reads files from fsys and measures them, every session a work
// session.
func analyze(t *testing.T, fsys memFS, files []usage.LogFile, opt ReadOptions) Report {
	t.Helper()
	return Analyze(Read(fsys, files, opt), Options{MinWorkCalls: 1})
}

// sessionByID finds a session row.
func sessionByID(t *testing.T, rep Report, id string) SessionShape {
	t.Helper()
	for _, s := range rep.Sessions {
		if s.SessionID == id {
			return s
		}
	}
	t.Fatalf("no session %s in %d sessions", id, len(rep.Sessions))
	return SessionShape{}
}
