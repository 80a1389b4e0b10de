package cli

import (
	"os"
	"os/signal"
)

// interruptChannel is closed on the first Ctrl-C, so long-running commands
// can stop cleanly instead of dying mid-write.
func interruptChannel() <-chan struct{} {
	ch := make(chan struct{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		signal.Stop(sig)
		close(ch)
	}()
	return ch
}
