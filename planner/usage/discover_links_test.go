package usage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinkCyclesAreReadOnce: two `ln -s . loop.jsonl` links in a
// project directory made discovery loop forever with growing memory, and
// one link made it read the same file 41 times. Directories and files are
// now recognised by device and inode: each file is read once, and the
// loop is named as a problem.
func TestSymlinkCyclesAreReadOnce(t *testing.T) {
	dir := t.TempDir()
	project := filepath.Join(dir, "projects", "-home-dev-x")
	writeFile(t, filepath.Join(project, "s1.jsonl"), usageLine("1", "5")+"\n")
	for _, name := range []string{"loop.jsonl", "loop2.jsonl"} {
		if err := os.Symlink(".", filepath.Join(project, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	if err := os.Symlink("s1.jsonl", filepath.Join(project, "again.jsonl")); err != nil {
		t.Fatal(err)
	}
	files, problems, err := FindFiles(OSFileSystem{}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files: %+v", len(files), files)
	}
	if len(problems) != 2 || !strings.Contains(problems[0].What, "a link to a directory already read") {
		t.Fatalf("problems %+v", problems)
	}
	data := Read(OSFileSystem{}, files, Options{})
	if len(data.Entries()) != 1 {
		t.Fatalf("%d entries", len(data.Entries()))
	}
}

// TestSymlinkedProjectDirectoryIsFollowed: a project directory that is a
// link elsewhere (projects/-home-dev-x -> /elsewhere) was skipped in
// silence, and the report said there were no transcripts. It is read, and
// its files keep the link's name as their project directory.
func TestSymlinkedProjectDirectoryIsFollowed(t *testing.T) {
	dir := t.TempDir()
	elsewhere := filepath.Join(dir, "elsewhere")
	writeFile(t, filepath.Join(elsewhere, "s1.jsonl"), usageLine("1", "5")+"\n")
	writeFile(t, filepath.Join(elsewhere, "s1", "subagents", "agent-a.jsonl"), usageLine("2", "7")+"\n")
	projects := filepath.Join(dir, "config", "projects")
	if err := os.MkdirAll(projects, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(projects, "-home-dev-x")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(projects, "dangling")); err != nil {
		t.Fatal(err)
	}
	files, problems, err := FindFiles(OSFileSystem{}, []string{filepath.Join(dir, "config")})
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %+v", err, problems)
	}
	if len(files) != 2 || files[0].ProjectDir != "-home-dev-x" || files[1].Session != "s1" || !files[1].Subagent {
		t.Fatalf("files %+v", files)
	}
}
