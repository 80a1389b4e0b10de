package usage

import (
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// Where transcripts are and how they are found lives in
// internal/discover; these names are the package's own API for it.

// LogFile is one transcript file found on disk.
type LogFile = discover.LogFile

// FileSystem is all the package asks of the operating system, so tests can
// put an unreadable file or directory in the way even when they run as root.
type FileSystem = discover.FileSystem

// OSFileSystem reads the real file system, with native paths.
type OSFileSystem = discover.OSFileSystem

// Problem is a file or directory that could not be read, or a file with
// lines that could not be used. Problems are reported, never silently
// skipped.
type Problem = discover.Problem

// ConfigDirEnv is the variable Claude Code reads for its config directory;
// usage tools accept a comma-separated list.
const ConfigDirEnv = discover.ConfigDirEnv

// FindFiles lists the transcripts under paths, sorted by path (see
// discover.FindFiles: links followed, each file and directory read once;
// unreadable paths are problems; a path that does not exist is an error).
func FindFiles(fsys FileSystem, paths []string) ([]LogFile, []Problem, error) {
	return discover.FindFiles(fsys, paths)
}

// DefaultRoots returns the projects directories Claude Code writes
// transcripts to: the entries of CLAUDE_CONFIG_DIR when it is set, else
// ~/.claude/projects and $XDG_CONFIG_HOME/claude/projects, whichever exist.
func DefaultRoots(fsys FileSystem, getenv func(string) string, home string) ([]string, error) {
	return discover.DefaultRoots(fsys, getenv, home)
}

// fileIdentity is a file's device and inode; zero when unknown.
type fileIdentity = discover.FileID

func errText(err error) string { return discover.ErrText(err) }
