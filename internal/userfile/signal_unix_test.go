//go:build unix

package userfile

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary a writer that starts a file, says so on
// stdout, and waits to be signalled.
const helperEnv = "TIERPLAN_USERFILE_HELPER_TARGET"

func TestMain(m *testing.M) {
	if target := os.Getenv(helperEnv); target != "" {
		f, err := Create(target, Options{})
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(3)
		}
		_, _ = f.Write([]byte(strings.Repeat("row\n", 1000)))
		os.Stdout.WriteString(f.tmp + "\n")
		time.Sleep(time.Minute)
		os.Exit(4) // never reached when the signal works
	}
	os.Exit(m.Run())
}

// TestSignalRemovesTemporaryFile: a command interrupted while writing
// (Ctrl-C, kill, a closed terminal) leaves neither a temporary file nor a
// changed target, and still ends by the signal.
func TestSignalRemovesTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "timeline.csv")
			if err := os.WriteFile(target, []byte("previous run"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+target)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			tmp, err := bufio.NewReader(out).ReadString('\n')
			if err != nil {
				_ = cmd.Process.Kill()
				t.Fatalf("helper said nothing: %v", err)
			}
			if _, err := os.Stat(strings.TrimSpace(tmp)); err != nil {
				t.Fatalf("no temporary file while writing: %v", err)
			}
			_ = cmd.Process.Signal(sig)
			err = cmd.Wait()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("helper ended with %v (%v), want killed by %v", cmd.ProcessState, err, sig)
			}
			noTemps(t, dir)
			if got := read(t, target); got != "previous run" {
				t.Errorf("target holds %q", got)
			}
		})
	}
}
