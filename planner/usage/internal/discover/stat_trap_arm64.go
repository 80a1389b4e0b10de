//go:build linux

package discover

import "syscall"

// fstatatTrap is the system call syscall.Stat makes on this architecture.
const fstatatTrap = syscall.SYS_FSTATAT
