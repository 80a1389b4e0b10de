//go:build unix

package tiers

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestTierTableNamedPipeWithoutWriterIsRefused: --tiers, tiers validate and
// tiers edit once waited forever on a FIFO that nobody wrote to.
func TestTierTableNamedPipeWithoutWriterIsRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	_, err := Load(Source{Path: p}, nil)
	want := "tier table " + p + ": a named pipe that nothing was written to (is the program that should write to it running?)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
