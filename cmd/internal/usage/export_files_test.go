package usage_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestExportThroughSymlinkWritesItsTarget: --export to a link (a synced
// folder) writes the file the link names and keeps the link.
func TestExportThroughSymlinkWritesItsTarget(t *testing.T) {
	dir := t.TempDir()
	link, target := filepath.Join(dir, "laptop.tpu"), filepath.Join(dir, "sync", "laptop.tpu")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("sync", "laptop.tpu"), link); err != nil {
		t.Fatal(err)
	}
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "--export", link, usageFixture)
	if r.Code != 0 {
		t.Fatal(r.Stderr)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a %v", fi.Mode())
	}
	if fi, err := os.Stat(target); err != nil || fi.Size() == 0 {
		t.Errorf("the target was not written: %v", err)
	}
}

// TestExportDashGoesToStdout: --export - writes the export to stdout (to
// pipe to another machine) and the report to stderr.
func TestExportDashGoesToStdout(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.tpu")
	if r := runUsageCmd(t, nil, false, "--tz", "UTC", "--export", file, usageFixture); r.Code != 0 {
		t.Fatal(r.Stderr)
	}
	want, _ := os.ReadFile(file)
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "--export", "-", usageFixture)
	if r.Code != 0 {
		t.Fatal(r.Stderr)
	}
	if r.Stdout != string(want) {
		t.Errorf("stdout is not the export (%d bytes, want %d)", len(r.Stdout), len(want))
	}
	if !strings.Contains(r.Stderr, "Claude Code usage:") {
		t.Errorf("the report is not on stderr: %.200q", r.Stderr)
	}
	if _, err := os.Stat("-"); err == nil {
		os.Remove("-")
		t.Error(`a file named "-" was written`)
	}
}

// TestExportDashRefusesATerminal: the export is binary, with the logs'
// strings raw; it is not written to a terminal.
func TestExportDashRefusesATerminal(t *testing.T) {
	env, stdout, stderr := cmdtest.Env(t, nil, "")
	env.StdoutIsTerminal = true
	code := root.Main([]string{"--tiers", usageTiers, "usage", "--tz", "UTC", "--export", "-", usageFixture}, env)
	if code != cmdutil.ExitUsage || stdout.Len() > 0 || !strings.Contains(stderr.String(), "--export -: the export is binary") {
		t.Errorf("exit %d, stdout %d bytes, stderr %q; want a usage error and nothing on stdout", code, stdout.Len(), stderr.String())
	}
}
