//go:build linux && (amd64 || arm64)

package discover

import (
	"strings"
	"syscall"
	"unsafe"
)

// statPath is syscall.Stat without its copy of the path on the heap: the
// system wants the path ended by a NUL, which syscall.Stat adds in a new
// allocation, and a walk stats thousands of paths. Paths of up to 511
// bytes are copied onto the stack instead; longer ones, and any holding a
// NUL, go to syscall.Stat.
func statPath(name string, st *syscall.Stat_t) error {
	var buf [512]byte
	if len(name) >= len(buf) || strings.IndexByte(name, 0) >= 0 {
		return syscall.Stat(name, st)
	}
	copy(buf[:], name) // buf[len(name)] stays 0
	cwd := atFDCWD
	_, _, errno := syscall.Syscall6(fstatatTrap, uintptr(cwd), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(st)), 0, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// atFDCWD makes fstatat resolve a relative path from the working
// directory, as stat does.
const atFDCWD = -0x64
