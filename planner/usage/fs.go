package usage

import (
	"io"
	"io/fs"
	"os"
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

// Open opens a file for reading.
func (OSFileSystem) Open(name string) (io.ReadCloser, error) { return os.Open(name) }

// Stat follows symbolic links, so a linked projects directory is read.
func (OSFileSystem) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir lists a directory, sorted by name.
func (OSFileSystem) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
