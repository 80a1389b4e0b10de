package statusline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/tierplan/tierplan/planner/statusline"
)

// stdinWait is how long a run waits for Claude Code's input: it writes a
// few kilobytes and closes the pipe at once, so a longer wait means
// something else holds stdin open, and the status line must not hang.
const stdinWait = 2 * time.Second

// errTerminal says stdin is a terminal: the command was run by hand.
var errTerminal = errors.New("stdin is a terminal, not Claude Code's JSON: give the status-line input on stdin (tierplan statusline < input.json)")

// readStdin reads Claude Code's input: at most statusline.MaxInput bytes,
// within stdinWait, never from a terminal.
func readStdin(r io.Reader) ([]byte, error) {
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return nil, errTerminal
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(r, statusline.MaxInput+1))
		done <- result{b, err}
	}()
	select {
	case res := <-done:
		if res.err != nil {
			return nil, fmt.Errorf("stdin: %v", res.err)
		}
		if len(res.b) > statusline.MaxInput {
			return nil, fmt.Errorf("stdin: more than %d bytes; Claude Code's input is a few kilobytes", statusline.MaxInput)
		}
		return res.b, nil
	case <-time.After(stdinWait):
		return nil, fmt.Errorf("stdin: nothing ended within %v", stdinWait)
	}
}
