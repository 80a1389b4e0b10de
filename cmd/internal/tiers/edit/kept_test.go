package edit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

var keptIn = regexp.MustCompile("your edits are kept in (\\S+): `tierplan tiers edit --resume (\\S+)` reopens them\n$")

// TestConcurrentSaveIsNotOverwritten: of two edits of one file, the later
// save once silently discarded the earlier one. Here another program saves
// the file while the editor is open; the edit is refused, the other save
// stays, and the edits are kept for --resume, which then saves them.
func TestConcurrentSaveIsNotOverwritten(t *testing.T) {
	ed := newFakeEditor(t)
	target := filepath.Join(t.TempDir(), "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	theirs := editedDefault(t, startSonnet, "      sonnet-4:   {rpm: 2000, itpm: 2000000, otpm: 400000}")
	mine := editedDefault(t, startSonnet, raisedITPM)
	ed.onRun(1, mine)
	// The editor's first run also saves the target behind its back.
	script := filepath.Join(ed.dir, "editor.sh")
	body := string(cmdtest.ReadFile(t, script))
	other := filepath.Join(ed.dir, "theirs.yaml")
	cmdtest.WriteFile(t, other, []byte(theirs), 0o644)
	cmdtest.WriteFile(t, script, []byte(body+`if [ "$n" = 1 ]; then cp "`+other+`" "`+target+`"; fi
`), 0o755)
	state := t.TempDir()
	env := map[string]string{"EDITOR": ed.command(), "XDG_STATE_HOME": state}

	r := runTierplan(t, env, "", "tiers", "edit", target)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, target+" changed since this edit began") {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	m := keptIn.FindStringSubmatch(r.Stderr)
	if m == nil || m[2] != target {
		t.Fatalf("stderr does not say where the edits are and how to resume:\n%s", r.Stderr)
	}
	if string(cmdtest.ReadFile(t, target)) != theirs {
		t.Fatal("the other save was overwritten")
	}
	if string(cmdtest.ReadFile(t, m[1])) != mine {
		t.Fatal("the kept copy does not hold the edits")
	}

	// A second edit meanwhile is refused, pointing at the kept edits.
	r = runTierplan(t, env, "", "tiers", "edit", target)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, target+" has unsaved edits in "+m[1]) ||
		!strings.Contains(r.Stderr, "`tierplan tiers edit --resume "+target+"` continues them") {
		t.Fatalf("second edit: exit %d, stderr %q", r.Code, r.Stderr)
	}

	// --resume says the file moved on, and a save then replaces it.
	r = runTierplan(t, env, "", "tiers", "edit", "--resume", target)
	if r.Code != 0 || !strings.Contains(r.Stderr, "note: "+target+" changed since these edits began") {
		t.Fatalf("resume: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if string(cmdtest.ReadFile(t, target)) != mine || !strings.HasPrefix(r.Stdout, "saved "+target) {
		t.Fatalf("resume did not save the edits: %s", r.Stdout)
	}
	if _, err := os.Stat(filepath.Dir(m[1])); !os.IsNotExist(err) {
		t.Error("the kept edits were not removed after the save")
	}
}

func TestResumeWithoutKeptEdits(t *testing.T) {
	target := filepath.Join(t.TempDir(), "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	r := runTierplan(t, map[string]string{"EDITOR": "true"}, "", "tiers", "edit", "--resume", target)
	if r.Code != cmdutil.ExitError || r.Stderr != "tierplan: no unsaved edits of "+target+" to resume\n" {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	if !bytes.Equal(cmdtest.ReadFile(t, target), tierplan.DefaultTiers) {
		t.Fatal("the file changed")
	}
}

// TestKeptEditsUnderTheRunsHome: without $XDG_STATE_HOME the edits are kept
// under the run's own $HOME, as the window history is, not the home the
// process started with (a test or a README example never writes there).
func TestKeptEditsUnderTheRunsHome(t *testing.T) {
	ed := newFakeEditor(t)
	ed.onRun(1, "tiers: [\n")
	target := filepath.Join(t.TempDir(), "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	home := t.TempDir()
	r := runTierplan(t, map[string]string{"EDITOR": ed.command(), "XDG_STATE_HOME": "", "HOME": home}, "n\n", "tiers", "edit", target)
	m := keptIn.FindStringSubmatch(r.Stderr)
	if r.Code != cmdutil.ExitError || m == nil {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
	if want := filepath.Join(home, ".local", "state", "tierplan", "edits") + string(filepath.Separator); !strings.HasPrefix(m[1], want) {
		t.Fatalf("edits kept in %s, want under %s", m[1], want)
	}
	if string(cmdtest.ReadFile(t, m[1])) != "tiers: [\n" {
		t.Fatal("the kept copy does not hold the edits")
	}
}

// With neither $XDG_STATE_HOME nor $HOME there is nowhere to keep the
// edits: the edit is refused before the editor starts.
func TestEditWithoutStateDir(t *testing.T) {
	target := filepath.Join(t.TempDir(), "team.yaml")
	cmdtest.WriteFile(t, target, tierplan.DefaultTiers, 0o644)
	r := runTierplan(t, map[string]string{"EDITOR": "false", "XDG_STATE_HOME": ""}, "", "tiers", "edit", target)
	if r.Code != cmdutil.ExitError || !strings.Contains(r.Stderr, "set $XDG_STATE_HOME or $HOME") {
		t.Fatalf("exit %d, stderr %q", r.Code, r.Stderr)
	}
}
