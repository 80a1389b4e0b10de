package cmdutil

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
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

// TestLimitFor: the floor, then 1.5× the live heap up to 64 MiB, then
// twice it.
func TestLimitFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ live, want int64 }{
		{0, 40 * mib},
		{10 * mib, 40 * mib},      // 15 MiB is under the floor
		{30 * mib, 45 * mib},      // 1.5 × 30
		{64 * mib, 96 * mib},      // 1.5 × 64, the last tight one
		{64*mib + 2, 128*mib + 4}, // twice past it
		{500 * mib, 1000 * mib},   // twice
	} {
		if got := limitFor(c.live); got != c.want {
			t.Errorf("limitFor(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestMemoryCapFollowsTheLiveHeap: with more live than the floor allows
// for, an update raises the limit to half as much again as the live heap.
func TestMemoryCapFollowsTheLiveHeap(t *testing.T) {
	restoreMemoryLimit(t)
	debug.SetMemoryLimit(math.MaxInt64)
	c := &memoryCap{sample: newMemoryCapSample()}
	c.raise(memoryFloor)
	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20) // 48 MiB, more than the floor allows
	}
	runtime.GC()
	c.update()
	got := debug.SetMemoryLimit(-1)
	if got < 48<<20*3/2 || got > 60<<20*3/2 {
		t.Fatalf("limit %d MiB with 48 MiB live, want about 72 MiB", got>>20)
	}
	runtime.KeepAlive(live)
}

// TestMemoryCapRisesAfterACollection: within one large file no file is
// done to update the cap; a collection does.
func TestMemoryCapRisesAfterACollection(t *testing.T) {
	restoreMemoryLimit(t)
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	c := newMemoryCap(Env{CapMemory: true})
	defer c.stop()
	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	for range 100 {
		runtime.GC()
		if debug.SetMemoryLimit(-1) >= 48<<20*3/2 {
			runtime.KeepAlive(live)
			return
		}
		time.Sleep(10 * time.Millisecond) // the cleanup runs on its own goroutine
	}
	t.Fatalf("limit %d MiB with 48 MiB live after collections, want at least 72 MiB", debug.SetMemoryLimit(-1)>>20)
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

// TestMemoryCapTurnsGOGCOffUnlessTheUserSetIt: under the cap the collector
// waits for the limit; a GOGC the user set stays.
func TestMemoryCapTurnsGOGCOffUnlessTheUserSetIt(t *testing.T) {
	restoreMemoryLimit(t)
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	vars := map[string]string{}
	env := Env{CapMemory: true, Getenv: func(k string) string { return vars[k] }}
	newMemoryCap(env).stop()
	if got := debug.SetGCPercent(100); got != gcPercentUnderCap {
		t.Fatalf("GOGC %d under the cap, want %d", got, gcPercentUnderCap)
	}
	vars["GOGC"] = "50"
	newMemoryCap(env).stop()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC %d with the user's GOGC set, want it left at 100", got)
	}
}

// TestMemoryCapCollectsAtTheLimit: with GOGC off under the cap, the limit
// alone starts collections: garbage far past the floor is collected. (How
// far past the limit the heap gets depends on how often the collector is
// scheduled, which a busy machine decides; peak RSS is measured in the
// README's Benchmarks.)
func TestMemoryCapCollectsAtTheLimit(t *testing.T) {
	restoreMemoryLimit(t)
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	runtime.GC()
	c := newMemoryCap(Env{CapMemory: true, Getenv: func(string) string { return "" }})
	defer c.stop()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gcs := ms.NumGC
	var keep []byte
	for i := 0; i < 400; i++ { // 400 MiB of garbage, 1 MiB at a time
		keep = make([]byte, 1<<20)
		keep[i] = 1
	}
	runtime.ReadMemStats(&ms)
	if ms.NumGC == gcs {
		t.Fatal("no collection while 400 MiB of garbage was made under a 40 MiB limit")
	}
}
