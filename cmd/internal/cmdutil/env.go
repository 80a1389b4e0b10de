package cmdutil

import (
	"io"
	"net/http"
	"os"
	"os/signal"
	"time"

	"golang.org/x/term"
)

// Env is everything a command may touch outside the process: streams,
// environment, clock, network, and whether stderr is a terminal. Tests build
// one with buffers and fixed values; main uses SystemEnv.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
	HTTP   *http.Client
	// StderrIsTerminal enables progress output for long reads.
	StderrIsTerminal bool
	// StdoutIsTerminal says stdout is a terminal: tables then fit its
	// width, --chart draws and charts may colour. TerminalWidth is its
	// width in columns (0 when it cannot be told).
	StdoutIsTerminal bool
	TerminalWidth    int
	// Interrupt, when non-nil, installs a Ctrl-C handler and returns a channel
	// closed on the first Ctrl-C. Only commands that can stop cleanly (probe
	// --watch) call it, so Ctrl-C still ends every other command at once.
	Interrupt func() <-chan struct{}
	// Catch, when non-nil, delivers sigs to the returned channel instead of
	// their default action until stop is called. tiers edit uses it to
	// outlive a Ctrl-C meant for the editor it runs (vim ignores it and
	// saves afterwards): it waits for the editor, then keeps the edits.
	Catch func(sigs ...os.Signal) (ch <-chan os.Signal, stop func())
	// CapMemory lets a read of logs set the runtime's soft memory limit
	// (see memoryCap): the process is tierplan's own, not a test's that
	// runs many commands and would keep the limit.
	CapMemory bool
}

// SystemEnv is the real process environment.
func SystemEnv() Env {
	stdoutTerminal, stdoutWidth := term.IsTerminal(int(os.Stdout.Fd())), 0
	if stdoutTerminal {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			stdoutWidth = w
		}
	}
	return Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Getenv:           os.Getenv,
		Now:              time.Now,
		HTTP:             &http.Client{},
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		StdoutIsTerminal: stdoutTerminal,
		TerminalWidth:    stdoutWidth,
		Interrupt:        interruptChannel,
		Catch:            catchSignals,
		CapMemory:        true,
	}
}

// Var is the environment variable k, or "" when Getenv is not set.
func (e Env) Var(k string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(k)
}

// Clock is the current time: Now, or the system clock when Now is not set.
func (e Env) Clock() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// interruptChannel is closed on the first Ctrl-C, so long-running commands
// can stop cleanly instead of dying mid-write.
func interruptChannel() <-chan struct{} {
	ch := make(chan struct{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		signal.Stop(sig)
		close(ch)
	}()
	return ch
}

// catchSignals is Env.Catch for the real process.
func catchSignals(sigs ...os.Signal) (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, sigs...)
	return ch, func() { signal.Stop(ch) }
}
