package edit

import (
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// runEditor runs the user's editor command on path and waits for it to
// exit. The command is a shell command line, as git treats $EDITOR, so
// "code --wait" and quoted paths work; on Windows it is split on spaces.
//
// A signal that arrives meanwhile (Ctrl-C reaches the editor too: vim
// ignores it and goes on, and may save afterwards) does not end tierplan:
// it waits for the editor, then reports the edit as interrupted, so the
// caller keeps whatever the editor saved and says where.
func runEditor(env cmdutil.Env, editor, path string, signals <-chan os.Signal) (interrupted bool, err error) {
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		f := strings.Fields(editor)
		cmd = exec.Command(f[0], append(f[1:], path)...)
	} else {
		cmd = exec.Command("sh", "-c", editor+` "$@"`, editor, path)
	}
	// Only a real terminal is handed to the editor: copying a reader into
	// the editor's input would swallow the answers to "edit again?".
	if f, ok := env.Stdin.(*os.File); ok {
		cmd.Stdin = f
	}
	cmd.Stdout = writerOrDiscard(env.Stdout)
	cmd.Stderr = writerOrDiscard(env.Stderr)
	if err := cmd.Start(); err != nil {
		return false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			return interrupted, err
		case <-signals: // nil without Env.Catch: never ready
			interrupted = true
		}
	}
}

func writerOrDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
