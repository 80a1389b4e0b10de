package cmdutil

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// memoryFloor is the smallest soft memory limit a read of logs runs under:
// the code and a small history's calls fit in it with room to spare.
const memoryFloor = 40 << 20

// tightUpTo is the live heap up to which the limit keeps half as much
// again as is live; above it, as much again (what GOGC 100 allows), since
// collecting more often then costs more CPU than the memory it saves.
const tightUpTo = 64 << 20

// gcPercentUnderCap is the GOGC a read of logs runs with under the cap:
// off, so the collector runs only when the limit says so. A small read (an
// unchanged history from the cache: some 20 MB allocated in all) never
// collects, where each collection from 4 MB on cost it a few milliseconds
// of a 30; a large one collects as the limit, which follows the live
// heap, says, as it would with any GOGC above 300 (the limit binds once
// the heap may grow past it).
const gcPercentUnderCap = -1

// liveMetric is the heap the last garbage collection found in use.
const liveMetric = "/gc/heap/live:bytes"

// memoryCap keeps a read of logs' footprint near what it holds. Left to
// itself the runtime lets the heap grow to twice what is live before it
// collects and keeps freed pages (read buffers, the cache's encoding, a
// large report) long after; a soft memory limit makes it collect sooner
// and give those pages back. The limit follows the live heap (limitFor),
// raised after every collection and every file read and never lowered,
// so a large history, or one large file, is never starved into
// collecting without end. Under the limit the collector waits for it
// (gcPercentUnderCap). A GOMEMLIMIT or GOGC the user set is left alone.
type memoryCap struct {
	mu      sync.Mutex
	sample  []metrics.Sample
	limit   int64
	stopped atomic.Bool
}

// newMemoryCap sets the floor and returns the cap, raised after each
// collection from then on; nil when the user set GOMEMLIMIT, or env does
// not allow a cap.
func newMemoryCap(env Env) *memoryCap {
	if !env.CapMemory || env.Var("GOMEMLIMIT") != "" {
		return nil
	}
	c := &memoryCap{sample: newMemoryCapSample()}
	c.raise(memoryFloor)
	if env.Var("GOGC") == "" {
		debug.SetGCPercent(gcPercentUnderCap)
	}
	c.afterEachCollection()
	return c
}

func newMemoryCapSample() []metrics.Sample {
	return []metrics.Sample{{Name: liveMetric}}
}

// limitFor is the limit for a live heap: the floor, 1.5× the live heap
// up to tightUpTo, twice it above.
func limitFor(live int64) int64 {
	if live > tightUpTo {
		return 2 * live
	}
	return max(memoryFloor, live*3/2)
}

// update raises the limit to limitFor the live heap, when that is more.
func (c *memoryCap) update() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	metrics.Read(c.sample)
	if c.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	c.raiseLocked(limitFor(int64(c.sample[0].Value.Uint64())))
}

// raise sets the limit to want if that is above the limit set so far.
func (c *memoryCap) raise(want int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.raiseLocked(want)
}

func (c *memoryCap) raiseLocked(want int64) {
	if want > c.limit {
		debug.SetMemoryLimit(want)
		c.limit = want
	}
}

// afterEachCollection calls update once each garbage collection is done,
// until stop: a cleanup on an object nothing keeps runs after the
// collection that freed it, and arms the next. Within one large file the
// live heap grows between the files' updates; this follows it.
func (c *memoryCap) afterEachCollection() {
	sentinel := new([16]byte) // big enough not to share a tiny block
	runtime.AddCleanup(sentinel, func(c *memoryCap) {
		if c.stopped.Load() {
			return
		}
		c.update()
		c.afterEachCollection()
	}, c)
}

// stop ends the updates after collections (tests; a process keeps them).
func (c *memoryCap) stop() { c.stopped.Store(true) }
