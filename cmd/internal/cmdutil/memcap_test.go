package cmdutil

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// restoreMemoryLimit puts back the limit in force before the test.
func restoreMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
}

func TestMemoryCapStartsAtTheFloorAndOnlyRises(t *testing.T) {
	restoreMemoryLimit(t)
	c := &memoryCap{}
	c.raise(memoryFloor)
	if got := debug.SetMemoryLimit(-1); got != memoryFloor {
		t.Fatalf("limit %d, want the floor %d", got, memoryFloor)
	}
	c.raise(100 << 20)
	c.raise(60 << 20)
	if got := debug.SetMemoryLimit(-1); got != 100<<20 {
		t.Fatalf("limit %d after raising to 100 MiB and asking for 60 MiB, want 100 MiB", got)
	}
}

// TestMemoryCapFollowsTheLiveHeap: with more live than the floor allows
// for, the limit rises to half as much again as the live heap.
func TestMemoryCapFollowsTheLiveHeap(t *testing.T) {
	restoreMemoryLimit(t)
	debug.SetMemoryLimit(math.MaxInt64)
	c := &memoryCap{sample: newMemoryCapSample()}
	c.raise(memoryFloor)
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20) // 64 MiB, more than the floor
	}
	runtime.GC()
	c.update()
	got := debug.SetMemoryLimit(-1)
	if got < 64<<20*3/2 || got > 80<<20*3/2 {
		t.Fatalf("limit %d MiB with 64 MiB live, want about 96 MiB", got>>20)
	}
	runtime.KeepAlive(live)
}

func TestMemoryCapLeavesTheUsersLimit(t *testing.T) {
	restoreMemoryLimit(t)
	env := Env{CapMemory: true, Getenv: func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	}}
	if c := newMemoryCap(env); c != nil {
		t.Fatal("a cap was set over the user's GOMEMLIMIT")
	}
	if c := newMemoryCap(Env{}); c != nil {
		t.Fatal("a cap was set in an environment that does not allow one (a test's)")
	}
	var c *memoryCap
	c.update() // a nil cap does nothing
}

// TestMemoryCapRaisesGOGCUnlessTheUserSetIt: under the cap the collector
// waits for five times the live heap; a GOGC the user set stays.
func TestMemoryCapRaisesGOGCUnlessTheUserSetIt(t *testing.T) {
	restoreMemoryLimit(t)
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	vars := map[string]string{}
	env := Env{CapMemory: true, Getenv: func(k string) string { return vars[k] }}
	newMemoryCap(env)
	if got := debug.SetGCPercent(100); got != gcPercentUnderCap {
		t.Fatalf("GOGC %d under the cap, want %d", got, gcPercentUnderCap)
	}
	vars["GOGC"] = "50"
	newMemoryCap(env)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC %d with the user's GOGC set, want it left at 100", got)
	}
}
