package userfile

import (
	"os"
	"os/signal"
	"sync"
)

// temps are the temporary files not yet committed or removed. While there
// is one, SIGINT, SIGTERM and SIGHUP remove them all before the process
// ends, so an interrupted --timeline leaves no large .tmp file behind.
var temps struct {
	sync.Mutex
	paths map[string]bool
	sigs  chan os.Signal
}

// trackedTemp creates a temporary file in dir, registered for removal on a
// signal. The handler is installed before the file exists, and the lock is
// held across the creation, so a signal at any moment either finds no file
// or waits for its name and removes it.
func trackedTemp(dir, pattern string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if temps.paths == nil {
		temps.paths = map[string]bool{}
	}
	if temps.sigs == nil {
		var watched []os.Signal
		for _, s := range cleanupSignals {
			// A signal the process was started with ignored (a background
			// job's SIGINT) stays ignored.
			if !signal.Ignored(s) {
				watched = append(watched, s)
			}
		}
		// With every one ignored there is nothing to watch, and
		// signal.Notify given no signal relays all of them, the runtime's
		// own SIGURG included, which would end the process.
		if len(watched) > 0 {
			temps.sigs = make(chan os.Signal, 1)
			signal.Notify(temps.sigs, watched...)
			go removeOnSignal(temps.sigs)
		}
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		forget("") // stops the handler when nothing else is pending
		return nil, err
	}
	temps.paths[f.Name()] = true
	return f, nil
}

// renameTracked moves a tracked temporary file into place and forgets it,
// under the lock, so a signal sees it either before (and removes it) or
// after (and leaves the committed file alone).
func renameTracked(tmp, target string) error {
	temps.Lock()
	defer temps.Unlock()
	err := os.Rename(tmp, target)
	if err == nil {
		forget(tmp)
	}
	return err
}

// untrackAndRemove removes a temporary file that will not be committed.
func untrackAndRemove(tmp string) {
	temps.Lock()
	defer temps.Unlock()
	os.Remove(tmp)
	forget(tmp)
}

// forget drops tmp from the set, and the signal handler with the last one,
// so the signals behave as before once nothing is pending. Callers hold the
// lock.
func forget(tmp string) {
	delete(temps.paths, tmp)
	if len(temps.paths) == 0 && temps.sigs != nil {
		signal.Stop(temps.sigs)
		close(temps.sigs)
		temps.sigs = nil
	}
}

// removeOnSignal waits for a signal, removes every pending temporary file
// and ends the process the way the signal would have.
func removeOnSignal(sigs chan os.Signal) {
	s, ok := <-sigs
	if !ok {
		return
	}
	temps.Lock() // held to the end: nothing may create or commit any more
	for p := range temps.paths {
		os.Remove(p)
	}
	signal.Reset(s)
	raise(s)
}
