package cmdtest

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// FlagCase is one command line and the options it should parse into, or
// the error it should give instead.
type FlagCase[O any] struct {
	Name string
	Args []string
	// Want is compared with what the flags parsed into, with the cmp
	// options CheckFlags is given (which leave out App).
	Want O
	// Check, when set, looks further at what was parsed (say, the
	// workload flags given).
	Check func(t *testing.T, got *O)
	// WantErr, when set, is a part of the error expected; Usage says the
	// error must be a usage error (exit 2).
	WantErr string
	Usage   bool
}

// CheckFlags runs each case through newCmd with its run replaced (Capture)
// and compares the options, or the error, with the case's.
func CheckFlags[O any](t *testing.T, app *cmdutil.App, newCmd func(*cmdutil.App, func(*O) error) *cobra.Command, cases []FlagCase[O], opts ...cmp.Option) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := Capture(app, newCmd, c.Args...)
			if c.WantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.WantErr) || (c.Usage && !cmdutil.IsUsage(err)) {
					t.Fatalf("error %v (usage %t), want %q (usage %t)", err, cmdutil.IsUsage(err), c.WantErr, c.Usage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.Want, *got, opts...); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
			if c.Check != nil {
				c.Check(t, got)
			}
		})
	}
}

// WorkloadSet checks the workload flags given, by workload key, as typed.
func WorkloadSet[O any](want map[string]string, flags func(*O) *cmdutil.WorkloadFlags) func(*testing.T, *O) {
	return func(t *testing.T, got *O) {
		t.Helper()
		if diff := cmp.Diff(want, flags(got).Set()); diff != "" {
			t.Errorf("workload flags (-want +got):\n%s", diff)
		}
	}
}

// Capture builds a command with newCmd, whose runF records the options it is
// given instead of running, and executes it with args: what the flags parsed
// into, or the error parsing gave (then the options are nil). It is the
// flags-to-options half of a command's tests; the run half calls the run
// function on options made this way.
func Capture[O any](app *cmdutil.App, newCmd func(*cmdutil.App, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	var got *O
	cmd := newCmd(app, func(o *O) error { got = o; return nil })
	// Never nil: cobra reads os.Args for nil, which holds the test
	// binary's own flags (go test -update).
	cmd.SetArgs(append([]string{}, args...))
	cmd.SetIn(strings.NewReader(""))
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		return nil, err
	}
	return got, nil
}

// Parse is Capture for a command line that must parse: the options to hand
// to the run function under test.
func Parse[O any](t *testing.T, app *cmdutil.App, newCmd func(*cmdutil.App, func(*O) error) *cobra.Command, args ...string) *O {
	t.Helper()
	opts, err := Capture(app, newCmd, args...)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}
