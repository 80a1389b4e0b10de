package usage

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// denyFS is the real file system with some paths unreadable, so the
// permission tests work when the suite runs as root.
type denyFS struct {
	OSFileSystem
	deny map[string]bool
}

func (d denyFS) Open(name string) (io.ReadCloser, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.OSFileSystem.Open(name)
}

func (d denyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.OSFileSystem.ReadDir(name)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultRoots(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	fsys := OSFileSystem{}
	if _, err := DefaultRoots(fsys, getenv, home); err == nil || !strings.Contains(err.Error(), "no Claude Code logs found") {
		t.Fatalf("no dirs: %v", err)
	}
	legacy := filepath.Join(home, ".claude", "projects")
	xdgDir := filepath.Join(home, ".config", "claude", "projects")
	os.MkdirAll(legacy, 0o755)
	os.MkdirAll(xdgDir, 0o755)
	roots, err := DefaultRoots(fsys, getenv, home)
	if err != nil || len(roots) != 2 || roots[0] != legacy || roots[1] != xdgDir {
		t.Fatalf("defaults: %v %v", roots, err)
	}
	// XDG_CONFIG_HOME moves the second one.
	other := filepath.Join(home, "xdg")
	os.MkdirAll(filepath.Join(other, "claude", "projects"), 0o755)
	env["XDG_CONFIG_HOME"] = other
	roots, _ = DefaultRoots(fsys, getenv, home)
	if len(roots) != 2 || roots[1] != filepath.Join(other, "claude", "projects") {
		t.Fatalf("xdg: %v", roots)
	}
	// CLAUDE_CONFIG_DIR: a comma list, trimmed, ~ expanded, a config dir or
	// its projects dir, duplicates dropped; it replaces the defaults.
	cfg := filepath.Join(home, "cfg-a")
	os.MkdirAll(filepath.Join(cfg, "projects"), 0o755)
	env[ConfigDirEnv] = " ~/cfg-a , " + filepath.Join(cfg, "projects") + ",, ~/missing "
	roots, err = DefaultRoots(fsys, getenv, home)
	if err != nil || len(roots) != 1 || roots[0] != filepath.Join(cfg, "projects") {
		t.Fatalf("config dir list: %v %v", roots, err)
	}
	env[ConfigDirEnv] = "~/missing"
	if _, err := DefaultRoots(fsys, getenv, home); err == nil || !strings.Contains(err.Error(), ConfigDirEnv) {
		t.Fatalf("invalid config dir: %v", err)
	}
}

func TestFindFilesPathKinds(t *testing.T) {
	cfg := t.TempDir()
	proj := filepath.Join(cfg, "projects", "-home-dev-api")
	main := filepath.Join(proj, "s1.jsonl")
	sub := filepath.Join(proj, "s1", "subagents", "workflows", "run1", "agent-a.jsonl")
	writeFile(t, main, "{}\n")
	writeFile(t, sub, "{}\n")
	writeFile(t, filepath.Join(cfg, "manifest.json"), "{}")
	writeFile(t, filepath.Join(proj, "notes.txt"), "x")
	for _, p := range []string{cfg, filepath.Join(cfg, "projects"), proj} {
		files, problems, err := FindFiles(OSFileSystem{}, []string{p})
		if err != nil || len(problems) != 0 || len(files) != 2 {
			t.Fatalf("%s: %v %v %v", p, files, problems, err)
		}
		if files[0].Path != main || files[0].Session != "s1" || files[0].Subagent || files[0].ProjectDir != "-home-dev-api" {
			t.Errorf("main file %+v", files[0])
		}
		if files[1].Path != sub || files[1].Session != "s1" || !files[1].Subagent || files[1].ProjectDir != "-home-dev-api" {
			t.Errorf("subagent file %+v", files[1])
		}
	}
	// A file given by name is read whatever its name; given twice, once.
	odd := filepath.Join(cfg, "export.log")
	writeFile(t, odd, "{}\n")
	files, _, err := FindFiles(OSFileSystem{}, []string{odd, odd})
	if err != nil || len(files) != 1 {
		t.Fatalf("file path: %v %v", files, err)
	}
	if _, _, err := FindFiles(OSFileSystem{}, []string{filepath.Join(cfg, "nope")}); err == nil {
		t.Fatal("a missing path is not an error")
	}
}

func TestUnreadableFilesAndDirsAreReported(t *testing.T) {
	root := t.TempDir()
	good := filepath.Join(root, "p", "good.jsonl")
	locked := filepath.Join(root, "p", "locked.jsonl")
	lockedDir := filepath.Join(root, "q")
	writeFile(t, good, goodLine+"\n")
	writeFile(t, locked, goodLine+"\n")
	writeFile(t, filepath.Join(lockedDir, "x.jsonl"), goodLine+"\n")
	fsys := denyFS{deny: map[string]bool{locked: true, lockedDir: true}}
	files, problems, err := FindFiles(fsys, []string{root})
	if err != nil || len(files) != 2 || len(problems) != 1 || problems[0].Path != lockedDir {
		t.Fatalf("find: %v %v %v", files, problems, err)
	}
	data := Read(fsys, files, Options{})
	if len(data.Entries()) != 1 || len(data.Problems) != 1 || data.Problems[0].Path != locked ||
		!strings.Contains(data.Problems[0].What, "permission denied") {
		t.Fatalf("read: %d entries, problems %+v", len(data.Entries()), data.Problems)
	}
}

func TestSinceSkipsOldFilesUnopened(t *testing.T) {
	root := t.TempDir()
	old := filepath.Join(root, "old.jsonl")
	writeFile(t, old, goodLine+"\n")
	day := time.Date(2025, 11, 4, 23, 0, 0, 0, time.UTC)
	os.Chtimes(old, day, day)
	files, _, _ := FindFiles(OSFileSystem{}, []string{root})
	// The file is unreadable: had it been opened, there would be a problem.
	fsys := denyFS{deny: map[string]bool{old: true}}
	data := Read(fsys, files, Options{Since: day.Add(time.Hour)})
	if data.FilesSkipped != 1 || len(data.Problems) != 0 || len(data.Files) != 0 {
		t.Fatalf("skipped %d problems %v", data.FilesSkipped, data.Problems)
	}
	data = Read(OSFileSystem{}, files, Options{Since: day.Add(-23 * time.Hour)}) // 00:00, before the line at 09:12
	if data.FilesSkipped != 0 || len(data.Entries()) != 1 {
		t.Fatalf("not skipped: %d, entries %d", data.FilesSkipped, len(data.Entries()))
	}
}

// growingFile returns its content and then, at EOF, appends half a line:
// a transcript Claude Code is still writing.
type growingFile struct {
	io.Reader
	more []byte
}

func (g *growingFile) Read(p []byte) (int, error) {
	n, err := g.Reader.Read(p)
	if errors.Is(err, io.EOF) && g.more != nil {
		g.Reader, g.more = strings.NewReader(string(g.more)), nil
		return n, nil
	}
	return n, err
}

func (g *growingFile) Close() error { return nil }

type growingFS struct {
	OSFileSystem
	content string
	more    string
}

func (g growingFS) Open(string) (io.ReadCloser, error) {
	return &growingFile{Reader: strings.NewReader(g.content), more: []byte(g.more)}, nil
}

func TestFileAppendedWhileRead(t *testing.T) {
	second := strings.Replace(goodLine, "msg_1", "msg_2", 1)
	fsys := growingFS{content: goodLine + "\n", more: second + "\n" + second[:40]}
	data := Read(fsys, []LogFile{{Path: "live.jsonl"}}, Options{})
	if len(data.Entries()) != 2 || data.BadLines != 1 || len(data.Problems) != 1 ||
		!strings.Contains(data.Problems[0].What, "still being written") {
		t.Fatalf("entries %d bad %d problems %+v", len(data.Entries()), data.BadLines, data.Problems)
	}
}
