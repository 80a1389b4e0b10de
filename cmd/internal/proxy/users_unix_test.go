//go:build unix

package proxy

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The users file is read capped and without waiting: a named pipe nobody
// writes to once blocked the proxy's start forever, and /dev/zero was read
// until memory ran out.
func TestUsersFileReadCapped(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "users.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	cases := map[string]string{fifo: "--users: read " + fifo + ": a named pipe that nothing was written to"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "--users: /dev/zero: larger than 1048576 bytes: not a users file"
	}
	for file, want := range cases {
		d, _, _ := testDeps(t, map[string]string{"ANTHROPIC_API_KEY": orgKey, "HOME": t.TempDir()})
		done := make(chan error, 1)
		go func() { done <- runCmd(d, "--users", file) }()
		select {
		case err := <-done:
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("--users %s: %v, want %q", file, err, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("--users %s: still starting after 20s", file)
		}
	}
}
