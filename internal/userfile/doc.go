// Package userfile reads and writes the files a user names on the command
// line (-f, --tiers, diagnose FILE, --timeline, --export, proxy --users,
// tiers init, edit and calibrate), so that every command treats them the
// same careful way.
//
// Reading never hangs and never grows without bound: a named pipe is opened
// without waiting for a writer (one that nobody writes to reads as empty and
// is reported so), and a read stops one byte past the caller's limit, so
// /dev/zero or a runaway pipe is refused after a bounded read.
//
// Writing never loses a file: a regular file (or a new one) is written to a
// temporary file beside it and renamed over it only when the whole content
// is there, keeping its permissions; a symbolic link is followed and its
// target replaced, the link kept (a dangling link creates its target, as the
// shell's > does); a device or a named pipe is written through, never
// replaced (--timeline /dev/null stays a device); "-" is standard output. A
// temporary file is removed when the write fails or is abandoned, and when
// the process gets SIGINT, SIGTERM or SIGHUP before it commits.
package userfile
