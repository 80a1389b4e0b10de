package cmdtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// mainArgsEnv carries the arguments of a run of tierplan, one per line,
// into a test binary started by MainCommand.
const mainArgsEnv = "TIERPLAN_TEST_MAIN_ARGS"

// RunMainOrTests is the TestMain of a package whose tests signal a real
// run of tierplan (Ctrl-C, kill), which only a process of its own can
// take: started by MainCommand, the test binary runs main with the
// arguments it was given and exits with its code; otherwise it runs the
// tests.
func RunMainOrTests(m *testing.M, main Main) {
	if args := os.Getenv(mainArgsEnv); args != "" {
		os.Exit(main(strings.Split(args, "\n"), cmdutil.SystemEnv()))
	}
	os.Exit(m.Run())
}

// MainCommand is the test binary made into tierplan run with args, in the
// test's environment plus env ("NAME=value"); its package's TestMain calls
// RunMainOrTests. The caller starts it, signals it and waits.
func MainCommand(args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), mainArgsEnv+"="+strings.Join(args, "\n")), env...)
	return cmd
}
