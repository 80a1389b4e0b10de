//go:build linux && !amd64 && !arm64

package discover

import "syscall"

// statPath is syscall.Stat (see the amd64 and arm64 version).
func statPath(name string, st *syscall.Stat_t) error { return syscall.Stat(name, st) }
