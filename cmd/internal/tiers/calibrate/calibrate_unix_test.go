//go:build unix

package calibrate_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// The table calibrate rewrites is read as every command reads it: a named
// pipe nobody writes to once blocked calibrate forever, and /dev/zero was
// read until memory ran out.
func TestCalibrateReadsTheTableCapped(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	cases := []struct{ table, want string }{{fifo, "tierplan: tier table " + fifo + ": a named pipe that nothing was written to"}}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases, struct{ table, want string }{"/dev/zero", "tierplan: /dev/zero: more than"})
	}
	for _, c := range cases {
		done := make(chan cmdtest.Result, 1)
		go func() {
			done <- cmdtest.RunExact(t, root.Main, nil, now, false, "--tiers", c.table, "tiers", "calibrate", "--plan", "max", "--history", history, logs)
		}()
		select {
		case r := <-done:
			if r.Code != 1 || !strings.HasPrefix(r.Stderr, c.want) {
				t.Errorf("--tiers %s: exit %d, stderr %q; want 1 and %q", c.table, r.Code, r.Stderr, c.want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("--tiers %s: still running after 20s", c.table)
		}
	}
}
