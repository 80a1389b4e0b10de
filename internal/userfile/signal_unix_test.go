//go:build unix

package userfile

import (
	"bufio"
	"os"
	"os/exec"
	"os/signal"
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
	if dir := os.Getenv(ignoredEnv); dir != "" {
		ignoringHelper(dir)
	}
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

// ignoredEnv makes the test binary ignore every cleanup signal, start a
// file in the directory it names, and say whether a handler was installed.
const ignoredEnv = "TIERPLAN_USERFILE_IGNORED_HELPER_DIR"

// TestEveryCleanupSignalIgnored: a process started with SIGINT, SIGTERM and
// SIGHUP all ignored (nohup in a script that ignores TERM) writes without a
// handler. signal.Notify with no signal relays every one, and the
// runtime's preemption signal, SIGURG, then ended the process (exit 151).
// The helper runs apart, since a signal once ignored stays so for the
// process and the children it starts.
func TestEveryCleanupSignalIgnored(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), ignoredEnv+"="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "no handler\n" {
		t.Fatalf("helper: %q %v", out, err)
	}
}

// ignoringHelper is the helper of TestEveryCleanupSignalIgnored.
func ignoringHelper(dir string) {
	signal.Ignore(cleanupSignals...)
	f, err := Create(filepath.Join(dir, "timeline.csv"), Options{})
	if err != nil {
		os.Stdout.WriteString(err.Error())
		os.Exit(3)
	}
	temps.Lock()
	watching := temps.sigs != nil
	temps.Unlock()
	if err := f.Commit(); err != nil {
		os.Stdout.WriteString(err.Error())
		os.Exit(3)
	}
	if watching {
		os.Stdout.WriteString("a handler with nothing to watch\n")
	} else {
		os.Stdout.WriteString("no handler\n")
	}
	os.Exit(0)
}
