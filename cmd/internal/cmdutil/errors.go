package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// Exit codes, the contract scripts rely on.
const (
	ExitOK       = 0
	ExitError    = 1 // runtime or data error
	ExitUsage    = 2 // bad flag or argument; usage is shown
	ExitNoneFits = 3 // only with --fail-if-none
)

// UsageError marks an error as the user's command line being wrong, so the
// usage text is shown and the exit code is 2. A Brief one says all there is
// to say in its one line (an unknown flag with its nearest match), and the
// usage is not shown.
type UsageError struct {
	Err   error
	Brief bool
}

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// UsageErrorf builds a UsageError.
func UsageErrorf(format string, a ...any) error {
	return UsageError{Err: fmt.Errorf(format, a...)}
}

// BriefUsageErrorf builds a UsageError shown without the usage text.
func BriefUsageErrorf(format string, a ...any) error {
	return UsageError{Err: fmt.Errorf(format, a...), Brief: true}
}

// IsBrief reports whether err is a usage error shown without the usage.
func IsBrief(err error) bool {
	var ue UsageError
	return errors.As(err, &ue) && ue.Brief
}

// WrapUsage marks err (say, cobra's or pflag's) as a usage error.
func WrapUsage(err error) error { return UsageError{Err: err} }

// IsUsage reports whether err is a usage error.
func IsUsage(err error) bool {
	var ue UsageError
	return errors.As(err, &ue)
}

// exitCodeError carries a specific exit code; an empty message prints nothing
// (the command already said what happened).
type exitCodeError struct {
	code int
	msg  string
}

func (e exitCodeError) Error() string { return e.msg }

// SilentExit ends the command with code and no further message.
func SilentExit(code int) error { return exitCodeError{code: code} }

// IsSilent reports whether err ends the run without a message of its own.
func IsSilent(err error) bool {
	var ce exitCodeError
	return errors.As(err, &ce) && ce.msg == ""
}

// ExitCode maps an error to the process exit code, in one place.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue UsageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	var ce exitCodeError
	if errors.As(err, &ce) {
		return ce.code
	}
	return ExitError
}

// ArgsUsage wraps a cobra positional-args check so its failures are usage
// errors (exit 2, usage shown).
func ArgsUsage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return WrapUsage(err)
		}
		return nil
	}
}

// TrimNewline drops trailing newlines, so every message ends in exactly one.
func TrimNewline(s string) string { return strings.TrimRight(s, "\n") }

// PathErrorCause is the reason of an *os.PathError without the path, for
// messages that name the path themselves.
func PathErrorCause(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Warnf writes one warning line on stderr, escaped for the terminal:
// warnings name files, models and paths that came from outside.
func Warnf(env Env, format string, a ...any) {
	fmt.Fprintf(env.Stderr, "tierplan: warning: %s\n", termsafe.Text(fmt.Sprintf(format, a...)))
}

// Notef is Warnf for a note (what --verbose tells).
func Notef(env Env, format string, a ...any) {
	fmt.Fprintf(env.Stderr, "tierplan: note: %s\n", termsafe.Text(fmt.Sprintf(format, a...)))
}
