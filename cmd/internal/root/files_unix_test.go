//go:build unix

package root

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// runWithin runs tierplan and fails the test, instead of hanging it, when
// the command does not return in time.
func runWithin(t *testing.T, vars map[string]string, args ...string) cmdtest.Result {
	t.Helper()
	done := make(chan cmdtest.Result, 1)
	go func() { done <- cmdtest.Run(t, Main, vars, "", args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(20 * time.Second):
		t.Fatalf("tierplan %s: still running after 20s", strings.Join(args, " "))
	}
	return cmdtest.Result{}
}

// TestNamedPipeWithoutWriterIsRefusedNotWaitedOn: a FIFO that nobody writes
// to, given where a file is read, once blocked the command forever.
func TestNamedPipeWithoutWriterIsRefusedNotWaitedOn(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		args []string
		vars map[string]string
		want string
	}{
		{args: []string{"plan", "-f", fifo}, want: "tierplan: -f " + fifo + ": a named pipe that nothing was written to"},
		{args: []string{"cost", "-f", fifo}, want: "tierplan: -f " + fifo + ": a named pipe that nothing was written to"},
		{args: []string{"simulate", "--tier", "start", "-f", fifo}, want: "tierplan: -f " + fifo + ": a named pipe"},
		{args: []string{"plan", "--tiers", fifo}, want: "tierplan: tier table " + fifo + ": a named pipe that nothing was written to"},
		{args: []string{"tiers", "validate", fifo}, want: fifo + ": a named pipe that nothing was written to"},
		{args: []string{"tiers", "edit", fifo}, vars: map[string]string{"EDITOR": "true"}, want: "tierplan: tier table " + fifo + ": a named pipe"},
		{args: []string{"tiers", "diff", "default", fifo}, want: "tierplan: tier table " + fifo + ": a named pipe"},
		{args: []string{"diagnose", fifo}, want: "tierplan: " + fifo + ": a named pipe that nothing was written to"},
	} {
		r := runWithin(t, c.vars, c.args...)
		if r.Code != 1 || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("tierplan %s: exit %d, stderr %q; want 1 and %q", strings.Join(c.args, " "), r.Code, r.Stderr, c.want)
		}
	}
}

// TestWorkloadFileFromDevZeroIsCappedByTheRead: plan -f /dev/zero (and cost,
// simulate) once grew to gigabytes, the 1 MB limit checked after reading.
func TestWorkloadFileFromDevZeroIsCappedByTheRead(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{{"plan"}, {"cost"}, {"simulate", "--tier", "start"}} {
		args = append(args, "-f", "/dev/zero")
		r := runWithin(t, nil, args...)
		want := "tierplan: -f /dev/zero: more than 1 MB: too large for a workload file; is this the right file?\n"
		if r.Code != 1 || r.Stderr != want {
			t.Errorf("tierplan %s: exit %d, stderr %q", strings.Join(args, " "), r.Code, r.Stderr)
		}
	}
}
