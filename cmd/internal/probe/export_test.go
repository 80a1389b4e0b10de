package probe

import "time"

// SetWatchAfter replaces the wait between --watch polls, so a test runs
// polls back to back; the function returned puts the real wait back.
func SetWatchAfter(f func(time.Duration) <-chan time.Time) (restore func()) {
	old := watchAfter
	watchAfter = f
	return func() { watchAfter = old }
}
