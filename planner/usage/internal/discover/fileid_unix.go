//go:build unix

package discover

import (
	"io"
	"io/fs"
	"syscall"
)

// openFile opens a transcript for reading, as a bare descriptor rather
// than an *os.File: os.Open offers every descriptor to the runtime's
// poller, which refuses a regular file, one wasted system call a file
// (thousands a read) beside the allocations of an os.File. It is opened
// non-blocking, which means nothing to a regular file, so a named pipe put
// in a transcript's place between the walk and the read reads as empty
// instead of waiting for a writer or for data.
func openFile(name string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		switch err {
		case nil:
			return &rawFile{fd: fd, name: name}, nil
		case syscall.EINTR:
			continue
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
}

// rawFile is an open transcript: what a read of one needs (Read, ReadAt to
// check its head and tail against the index, Seek to go on from where the
// last read stopped), on the descriptor itself.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EAGAIN || err == nil && n == 0:
			return 0, io.EOF // a pipe without data reads as empty
		case err != nil:
			return 0, f.error("read", err)
		}
		return n, nil
	}
}

// ReadAt fills p from off, as io.ReaderAt says: an error (io.EOF at the
// end) whenever p is not filled.
func (f *rawFile) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		k, err := syscall.Pread(f.fd, p[n:], off+int64(n))
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EAGAIN || err == nil && k == 0:
			return n, io.EOF
		case err != nil:
			return n, f.error("read", err)
		}
		n += k
	}
	return n, nil
}

func (f *rawFile) Seek(offset int64, whence int) (int64, error) {
	at, err := syscall.Seek(f.fd, offset, whence)
	if err != nil {
		return 0, f.error("seek", err)
	}
	return at, nil
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return f.error("close", syscall.EBADF)
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return f.error("close", err)
	}
	return nil
}

func (f *rawFile) error(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.name, Err: err}
}

// identityOf is the device and inode of a file: the same file reached by
// two paths (a link, a loop of links) has one identity.
func identityOf(fi fs.FileInfo) (FileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return FileID{}, false
	}
	return FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}, true
}
