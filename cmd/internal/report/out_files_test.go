package report_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportOutThroughSymlinkWritesItsTarget: --out to a link (a published
// folder) writes the page the link names and keeps the link, as every
// writer does; renameio once replaced the link itself.
func TestReportOutThroughSymlinkWritesItsTarget(t *testing.T) {
	dir := t.TempDir()
	link, target := filepath.Join(dir, "report.html"), filepath.Join(dir, "site", "index.html")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("site", "index.html"), link); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "report", "--sessions", "5", "--tokens", "300k", "--out", link); r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a %v", fi.Mode())
	}
	if data, err := os.ReadFile(target); err != nil || !strings.Contains(string(data), "<html") {
		t.Errorf("the target does not hold the page: %v", err)
	}
}
