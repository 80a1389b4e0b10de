//go:build unix

package userfile

import (
	"os"
	"syscall"
	"time"
)

// cleanupSignals are the signals that end a command with a pending
// temporary file: Ctrl-C, kill, and a closed terminal.
var cleanupSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// raise sends s to the process again with its default action restored, so
// the exit status (and a shell's reaction to it) is the signal's; should the
// signal not end the process, it exits as a shell reports a signal.
func raise(s os.Signal) {
	sig, _ := s.(syscall.Signal)
	_ = syscall.Kill(os.Getpid(), sig)
	time.Sleep(time.Second)
	os.Exit(128 + int(sig))
}
