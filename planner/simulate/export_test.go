package simulate

import "testing"

// slotsUsed runs cfg and reports how many session slots the engine made.
func slotsUsed(t *testing.T, cfg Config) int {
	t.Helper()
	n := 0
	cfg.inspect = func(e *engine) { n = len(e.sessions) }
	mustRun(t, cfg)
	return n
}
