package simulate_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

func timelineArgs(path string) []string {
	return append(append([]string{}, goldenArgs...), "--timeline", path, "--timeline-step", "1m")
}

// TestTimelineToDevNullKeepsTheDevice: --timeline /dev/null, run as root,
// once renamed its temporary file over the device.
func TestTimelineToDevNullKeepsTheDevice(t *testing.T) {
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Skip("no character device at", os.DevNull)
	}
	_, errOut, code := runWithTable(t, cmdtest.SimTable(), timelineArgs(os.DevNull)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
}

// TestTimelineThroughSymlinkWritesItsTarget: the link stays, the file it
// names gets the timeline; a dangling link gets its target created.
func TestTimelineThroughSymlinkWritesItsTarget(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ link, target string }{
		{"existing.csv", "runs/day.csv"},
		{"dangling.csv", "runs/new.csv"},
	} {
		link, target := filepath.Join(dir, c.link), filepath.Join(dir, c.target)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if c.link == "existing.csv" {
			if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink(c.target, link); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := runWithTable(t, cmdtest.SimTable(), timelineArgs(link)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.link, code, errOut)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s: the link was replaced by a %v", c.link, fi.Mode())
		}
		data, err := os.ReadFile(target)
		if err != nil || !strings.HasPrefix(string(data), "day,time,") {
			t.Errorf("%s: target holds %.40q (%v)", c.link, data, err)
		}
	}
}

// TestTimelineDashGoesToStdout: "-" is stdout, as everywhere; the report
// then goes to stderr so the CSV stays clean.
func TestTimelineDashGoesToStdout(t *testing.T) {
	t.Chdir(t.TempDir())
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), timelineArgs("-")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "day,time,requests,") || strings.Contains(out, "Summary") {
		t.Errorf("stdout %.80q…", out)
	}
	if !strings.Contains(errOut, "Summary") {
		t.Errorf("the report is not on stderr: %.200q", errOut)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was written`)
	}
}
