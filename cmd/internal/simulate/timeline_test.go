package simulate_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// An error names the file the user gave, not the hidden temporary file.
func TestSimulateTimelineErrorNamesTheFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "missing", "x.csv")
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--timeline", target)...)
	want := "tierplan: --timeline " + target + ": "
	if code != 1 || !strings.HasPrefix(errOut, want) || strings.Contains(errOut, ".tmp") {
		t.Fatalf("exit %d, stderr %q; want a line starting %q", code, errOut, want)
	}
	// A directory in the target's place fails at the rename: named too.
	dirTarget := t.TempDir()
	_, errOut, code = runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--timeline", dirTarget)...)
	if code != 1 || !strings.HasPrefix(errOut, "tierplan: --timeline "+dirTarget+": ") || strings.Contains(errOut, ".tmp") {
		t.Fatalf("directory: exit %d, stderr %q", code, errOut)
	}
	entries, _ := os.ReadDir(filepath.Dir(dirTarget))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// A new timeline is readable by others (0644), not the 0600 of a temporary
// file; one that exists keeps its mode.
func TestSimulateTimelineMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.csv")
	kept := filepath.Join(dir, "kept.csv")
	if err := os.WriteFile(kept, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o640); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{fresh: 0o644, kept: 0o640} {
		if _, errOut, code := runWithTable(t, cmdtest.SimTable(), append(append([]string{}, goldenArgs...), "--timeline", path, "--timeline-step", "1m")...); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", filepath.Base(path), got, want)
		}
	}
}
