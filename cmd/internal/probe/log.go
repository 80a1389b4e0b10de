package probe

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/userfile"
)

// readingLog appends JSON lines to a file the user named (a pipe that no
// program reads is refused rather than waited on).
type readingLog struct {
	path string
	f    *os.File
}

func openReadingLog(path string) (*readingLog, error) {
	f, err := userfile.Append(path)
	if err != nil {
		return nil, fmt.Errorf("--log %s: %v", path, cmdutil.PathErrorCause(err))
	}
	return &readingLog{path: path, f: f}, nil
}

// Append writes v as one line in a single write, so a reading is never
// half-written next to another.
func (l *readingLog) Append(v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("--log %s: %v", l.path, err)
	}
	return nil
}

func (l *readingLog) Close() error { return l.f.Close() }
