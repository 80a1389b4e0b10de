package cmdutil

import (
	"runtime/debug"
	"runtime/metrics"
)

// memoryFloor is the smallest soft memory limit a read of logs runs under:
// the code and a small history's calls fit in it with room to spare.
const memoryFloor = 40 << 20

// gcPercentUnderCap is the GOGC a read of logs runs with under the cap: the
// heap may grow to five times what is live before a collection, as long
// as it stays under the limit, so a small read (an unchanged history
// from the cache) collects a few times instead of at every doubling from
// 4 MB, and a large one collects when the limit says so.
const gcPercentUnderCap = 400

// liveMetric is the heap the last garbage collection found in use.
const liveMetric = "/gc/heap/live:bytes"

// memoryCap keeps a read of logs' footprint near what it holds. Left to
// itself the runtime lets the heap grow to twice what is live before it
// collects and keeps freed pages (read buffers, the cache's encoding, a
// large report) long after; a soft memory limit makes it collect sooner
// and give those pages back. The limit follows the live heap, raised to
// half as much again as the last collection found in use after each file
// read, and never lowered, so a large history is never starved into
// collecting without end. Under the limit the collector may wait longer
// between collections (gcPercentUnderCap). A GOMEMLIMIT or GOGC the user
// set is left alone.
type memoryCap struct {
	sample []metrics.Sample
	limit  int64
}

// newMemoryCap sets the floor and returns the cap to raise as the read
// goes; nil when the user set GOMEMLIMIT, or env does not allow a cap.
func newMemoryCap(env Env) *memoryCap {
	if !env.CapMemory || env.Var("GOMEMLIMIT") != "" {
		return nil
	}
	c := &memoryCap{sample: newMemoryCapSample()}
	c.raise(memoryFloor)
	if env.Var("GOGC") == "" {
		debug.SetGCPercent(gcPercentUnderCap)
	}
	return c
}

func newMemoryCapSample() []metrics.Sample {
	return []metrics.Sample{{Name: liveMetric}}
}

// update raises the limit to 1.5× the live heap, when that is more.
func (c *memoryCap) update() {
	if c == nil {
		return
	}
	metrics.Read(c.sample)
	if c.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	c.raise(int64(c.sample[0].Value.Uint64() * 3 / 2))
}

// raise sets the limit to want if that is above the limit set so far.
func (c *memoryCap) raise(want int64) {
	if want > c.limit {
		debug.SetMemoryLimit(want)
		c.limit = want
	}
}
