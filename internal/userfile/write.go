package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Options say how Create treats the path it is given.
type Options struct {
	// Perm is a new file's permissions (0644 when zero); a replaced file
	// keeps its own.
	Perm fs.FileMode
	// MakeDirs creates missing parent directories (the user's config file).
	MakeDirs bool
	// Stdout is where "-" writes; nil makes "-" a file name like any other.
	Stdout io.Writer
}

// File is a file being written: a temporary file renamed into place on
// Commit, or, for a device, a pipe or "-", the destination itself.
type File struct {
	path   string // as the user gave it, for messages
	target string // where the content goes, links followed
	w      io.Writer
	f      *os.File // nil when writing to Stdout
	tmp    string   // "" when writing through
	perm   fs.FileMode
	done   bool
}

// Create starts writing path. Nothing at the destination changes until
// Commit, except for a device or a pipe, which is written as it goes.
func Create(path string, opt Options) (*File, error) {
	if path == "-" && opt.Stdout != nil {
		return &File{path: path, target: path, w: opt.Stdout}, nil
	}
	target, fi, err := follow(path, opt.MakeDirs)
	if err != nil {
		return nil, pathError(path, err)
	}
	out := &File{path: path, target: target, perm: opt.Perm}
	if out.perm == 0 {
		out.perm = 0o644
	}
	switch {
	case fi != nil && fi.IsDir():
		return nil, pathError(path, errors.New("is a directory; name a file"))
	case fi != nil && fi.Mode()&fs.ModeNamedPipe != 0:
		out.f, err = openPipeForWriting(target)
		if isNoReader(err) {
			return nil, pathError(path, errors.New("a named pipe that no program is reading; start the reader first"))
		}
	case fi != nil && !fi.Mode().IsRegular():
		// A device (/dev/null, a terminal): written through, never replaced.
		out.f, err = os.OpenFile(target, os.O_WRONLY, 0)
	default:
		if fi != nil {
			out.perm = fi.Mode().Perm()
		}
		err = out.createTemp(opt.MakeDirs)
	}
	if err != nil {
		return nil, pathError(path, err)
	}
	out.w = out.f
	return out, nil
}

// createTemp makes the temporary file beside the target, private until
// Commit gives it its permissions, and registers it for removal on a signal.
func (f *File) createTemp(makeDirs bool) error {
	dir := filepath.Dir(f.target)
	if makeDirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	// The temporary file is tracked before it exists, so a signal between
	// its creation and the tracking cannot leave it behind.
	tmp, err := trackedTemp(dir, "."+filepath.Base(f.target)+".*.tmp")
	if err != nil {
		return err
	}
	f.f, f.tmp = tmp, tmp.Name()
	return nil
}

// Write writes to the temporary file or the destination.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil {
		err = pathError(f.path, err)
	}
	return n, err
}

// Target is the file the content goes to, links followed.
func (f *File) Target() string { return f.target }

// Commit finishes the write: a temporary file is synced, given the
// permissions and renamed over the target, which must still be a regular
// file or nothing at all; a device or pipe is closed.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	if f.f == nil {
		return nil
	}
	if f.tmp == "" {
		return pathError(f.path, f.f.Close())
	}
	err := f.f.Sync()
	if err == nil {
		err = f.f.Chmod(f.perm)
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if fi, lerr := os.Lstat(f.target); lerr == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("became a %s while it was being written; not replaced", kind(fi))
		}
	}
	if err == nil {
		err = renameTracked(f.tmp, f.target)
	}
	if err != nil {
		untrackAndRemove(f.tmp)
		return pathError(f.path, err)
	}
	return nil
}

// Abort abandons the write: the temporary file is removed and the target
// left as it was. It does nothing after Commit, so `defer f.Abort()` is the
// idiom.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if f.f == nil {
		return
	}
	f.f.Close()
	if f.tmp != "" {
		untrackAndRemove(f.tmp)
	}
}

// WriteFile writes data to path as Create and Commit do.
func WriteFile(path string, data []byte, opt Options) error {
	f, err := Create(path, opt)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// pathError names the user's path, not a temporary file or a link target,
// and keeps only the cause of an *fs.PathError or *os.LinkError.
func pathError(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}

func kind(fi fs.FileInfo) string {
	switch m := fi.Mode(); {
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
