//go:build unix

package simulate_test

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

func TestMain(m *testing.M) { cmdtest.RunMainOrTests(m, root.Main) }

// TestInterruptedTimelineLeavesNoTemporaryFile: Ctrl-C (or kill) during a
// long simulate --timeline once left its large temporary file beside the
// target; the previous timeline must stay as it was.
func TestInterruptedTimelineLeavesNoTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "day.csv")
			if err := os.WriteFile(target, []byte("previous\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"simulate", "--tier", "start", "--devs", "2000", "--days", "30", "--timeline", target}
			cmd := cmdtest.MainCommand(args, "XDG_CONFIG_HOME="+dir, "XDG_CACHE_HOME="+dir)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(30 * time.Second)
			for len(temporaryFiles(dir)) == 0 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if len(temporaryFiles(dir)) == 0 {
				_ = cmd.Process.Kill()
				t.Fatal("the run never started its temporary file")
			}
			_ = cmd.Process.Signal(sig)
			_ = cmd.Wait()
			if ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("tierplan ended with %v, want killed by %v", cmd.ProcessState, sig)
			}
			if left := temporaryFiles(dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
			if data, _ := os.ReadFile(target); string(data) != "previous\n" {
				t.Errorf("the previous timeline was changed: %.40q", data)
			}
		})
	}
}

func temporaryFiles(dir string) []string {
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}
