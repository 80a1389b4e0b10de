//go:build unix

package edit_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func TestMain(m *testing.M) { cmdtest.RunMainOrTests(m, root.Main) }

// vimLike is an editor that ignores SIGINT, as vim does, says it is
// running, and saves its edit once told to, after the Ctrl-C.
const vimLike = `trap '' INT
dir=$1; shift
touch "$dir/running"
while [ ! -f "$dir/save" ]; do sleep 0.02; done
cp "$dir/edit" "$1"
`

// TestCtrlCDuringEditWaitsForTheEditorAndKeepsItsSave: Ctrl-C once killed
// tierplan at once while vim, ignoring it, saved afterwards into a
// temporary copy nobody was told about. Now tierplan waits for the editor,
// keeps what it saved, says where and how to resume, and --resume saves it.
func TestCtrlCDuringEditWaitsForTheEditorAndKeepsItsSave(t *testing.T) {
	dir := t.TempDir()
	cmdtest.WriteFile(t, filepath.Join(dir, "editor.sh"), []byte(vimLike), 0o755)
	mine := editedDefault(t, startSonnet, raisedITPM)
	cmdtest.WriteFile(t, filepath.Join(dir, "edit"), []byte(mine), 0o644)
	target := filepath.Join(dir, "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	state := t.TempDir()
	editor := "sh " + filepath.Join(dir, "editor.sh") + " " + dir

	cmd := cmdtest.MainCommand([]string{"tiers", "edit", target}, "EDITOR="+editor, "VISUAL=", "XDG_STATE_HOME="+state)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a foreground job of its own
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(dir, "running")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			t.Fatal("the editor never started")
		}
	}
	// Ctrl-C: the terminal signals the whole foreground process group.
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
	time.Sleep(200 * time.Millisecond)
	cmdtest.WriteFile(t, filepath.Join(dir, "save"), nil, 0o644)
	_ = cmd.Wait()
	if ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus); ws.Signaled() || ws.ExitStatus() != 1 {
		t.Fatalf("tierplan ended with %v, want exit 1 after the editor; stderr %q", cmd.ProcessState, stderr.String())
	}
	m := keptIn.FindStringSubmatch(stderr.String())
	if m == nil || !strings.HasPrefix(stderr.String(), "tierplan: interrupted; "+target+" left as it was;") {
		t.Fatalf("stderr %q does not say where the edits are and how to resume", stderr.String())
	}
	if string(cmdtest.ReadFile(t, m[1])) != mine {
		t.Fatal("the editor's save after Ctrl-C is not in the kept copy")
	}
	if string(cmdtest.ReadFile(t, target)) != string(tierplan.DefaultTiers) {
		t.Fatal("an interrupted edit changed the file")
	}

	r := runTierplan(t, map[string]string{"EDITOR": "true", "XDG_STATE_HOME": state}, "", "tiers", "edit", "--resume", target)
	if r.Code != 0 || string(cmdtest.ReadFile(t, target)) != mine {
		t.Fatalf("--resume: exit %d, stderr %q", r.Code, r.Stderr)
	}
}
