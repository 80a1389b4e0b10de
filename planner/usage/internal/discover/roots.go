package discover

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FileSystem is all the package asks of the operating system, so tests can
// put an unreadable file or directory in the way even when they run as root.
type FileSystem interface {
	Open(name string) (io.ReadCloser, error)
	Stat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// OSFileSystem reads the real file system, with native paths.
type OSFileSystem struct{}

// Open opens a file for reading (see openFile).
func (OSFileSystem) Open(name string) (io.ReadCloser, error) { return openFile(name) }

// Stat follows symbolic links, so a linked projects directory is read.
func (OSFileSystem) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir lists a directory, sorted by name.
func (OSFileSystem) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// ConfigDirEnv is the variable Claude Code reads for its config directory;
// usage tools accept a comma-separated list.
const ConfigDirEnv = "CLAUDE_CONFIG_DIR"

// DefaultRoots returns the projects directories Claude Code writes
// transcripts to. With CLAUDE_CONFIG_DIR set, only its entries count (each
// trimmed, "~" expanded, a config directory or its projects/ directory), as
// ccusage does; otherwise ~/.claude/projects and
// $XDG_CONFIG_HOME/claude/projects (~/.config/claude/projects), whichever
// exist. It is an error when none exists.
func DefaultRoots(fsys FileSystem, getenv func(string) string, home string) ([]string, error) {
	if list := strings.TrimSpace(getenv(ConfigDirEnv)); list != "" {
		var roots, tried []string
		for _, entry := range strings.Split(list, ",") {
			entry = expandHome(strings.TrimSpace(entry), home)
			if entry == "" {
				continue
			}
			tried = append(tried, entry)
			if dir, ok := projectsDir(fsys, entry); ok {
				roots = append(roots, dir)
			}
		}
		roots = uniqueDirs(fsys, roots)
		if len(roots) == 0 {
			return nil, fmt.Errorf("%s=%s: no projects directory in %s", ConfigDirEnv, list, strings.Join(tried, ", "))
		}
		return roots, nil
	}
	xdgConfig := getenv("XDG_CONFIG_HOME")
	if xdgConfig == "" || !filepath.IsAbs(xdgConfig) {
		xdgConfig = filepath.Join(home, ".config")
	}
	candidates := []string{
		filepath.Join(home, ".claude", "projects"),
		filepath.Join(xdgConfig, "claude", "projects"),
	}
	var roots []string
	for _, c := range candidates {
		if isDir(fsys, c) {
			roots = append(roots, c)
		}
	}
	roots = uniqueDirs(fsys, roots)
	if len(roots) == 0 {
		return nil, fmt.Errorf("no Claude Code logs found in %s (give a PATH, or set %s)", strings.Join(candidates, " or "), ConfigDirEnv)
	}
	return roots, nil
}

// expandHome expands a leading "~" or "~/".
func expandHome(p, home string) string {
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(home, p[2:])
	}
	return p
}

// projectsDir returns the projects directory of a config directory, or the
// directory itself when it is named projects.
func projectsDir(fsys FileSystem, dir string) (string, bool) {
	if p := filepath.Join(dir, "projects"); isDir(fsys, p) {
		return p, true
	}
	if filepath.Base(filepath.Clean(dir)) == "projects" && isDir(fsys, dir) {
		return filepath.Clean(dir), true
	}
	return "", false
}

func isDir(fsys FileSystem, p string) bool {
	fi, err := fsys.Stat(p)
	return err == nil && fi.IsDir()
}

// uniqueDirs drops repeated directories, also when two paths reach the same
// directory through a link (~/.config/claude → ~/.claude).
func uniqueDirs(fsys FileSystem, dirs []string) []string {
	var out []string
	var infos []fs.FileInfo
next:
	for _, d := range dirs {
		d = filepath.Clean(d)
		fi, _ := fsys.Stat(d)
		for i, o := range out {
			if o == d || (fi != nil && infos[i] != nil && os.SameFile(fi, infos[i])) {
				continue next
			}
		}
		out = append(out, d)
		infos = append(infos, fi)
	}
	return out
}
