package edit

import (
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// runEditor runs the user's editor command on path. The command is a shell
// command line, as git treats $EDITOR, so "code --wait" and quoted paths
// work; on Windows it is split on spaces.
func runEditor(env cmdutil.Env, editor, path string) error {
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
	return cmd.Run()
}

func writerOrDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
