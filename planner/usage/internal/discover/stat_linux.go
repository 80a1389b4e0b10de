package discover

import (
	"io/fs"
	"strings"
	"syscall"
)

// statOS stats a path of the real file system as os.Stat does (links
// followed, the same errors), without building an os.FileInfo: a walk
// stats every entry of every directory, and the FileInfo (a copy of the
// name and the whole system record) would be most of what it allocates.
// It keeps nothing of name but in an error (a copy), so name may be a
// buffer used again.
func statOS(name string) (info, error) {
	var st syscall.Stat_t
	var err error
	for {
		if err = statPath(name, &st); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return info{}, &fs.PathError{Op: "stat", Path: strings.Clone(name), Err: err}
	}
	return info{
		sec:   int64(st.Mtim.Sec), // int32 on 32-bit systems
		nsec:  int32(st.Mtim.Nsec),
		size:  st.Size,
		mode:  modeOf(st.Mode),
		id:    FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)},
		hasID: true,
	}, nil
}

// modeOf is the FileMode os gives a stat's mode.
func modeOf(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if m&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}
