//go:build !unix

package userfile

import "os"

var cleanupSignals = []os.Signal{os.Interrupt}

// raise ends the process after an interrupt, as Ctrl-C would have.
func raise(os.Signal) { os.Exit(130) }
