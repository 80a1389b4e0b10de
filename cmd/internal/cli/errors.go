package cli

import (
	"errors"
	"fmt"
)

// Exit codes, the contract scripts rely on.
const (
	ExitOK       = 0
	ExitError    = 1 // runtime or data error
	ExitUsage    = 2 // bad flag or argument; usage is shown
	ExitNoneFits = 3 // only with --fail-if-none
)

// usageError marks an error as the user's command line being wrong, so the
// usage text is shown and the exit code is 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usageErrorf builds a usageError.
func usageErrorf(format string, a ...any) error {
	return usageError{err: fmt.Errorf(format, a...)}
}

// exitCodeError carries a specific exit code; an empty message prints nothing
// (the command already said what happened).
type exitCodeError struct {
	code int
	msg  string
}

func (e exitCodeError) Error() string { return e.msg }

// silentExit ends the command with code and no further message.
func silentExit(code int) error { return exitCodeError{code: code} }

// exitCode maps an error to the process exit code, in one place.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	var ce exitCodeError
	if errors.As(err, &ce) {
		return ce.code
	}
	return ExitError
}
