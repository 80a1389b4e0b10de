package session

// Spec is a complete session: its shape, its timing and its length.
type Spec struct {
	Shape  Shape
	Timing Timing
	Length Length
}

// Template is the calls of a spec's longer sessions, with each call's
// latency: built once, shared by every session of the spec.
type Template struct {
	Calls   []Call
	Latency []int64 // ms
	// ends[n] is the number of calls a session of n work calls makes.
	ends []int
}

// Template lays out the spec's longer sessions.
func (s Spec) Template() *Template {
	calls := s.Shape.Calls(s.Length.Longest())
	t := &Template{Calls: calls, Latency: make([]int64, len(calls)), ends: make([]int, s.Length.Longest()+1)}
	for i, c := range calls {
		t.Latency[i] = s.Timing.LatencyMs(c.Output)
		if !c.Compaction {
			t.ends[c.Work] = i + 1
		}
	}
	return t
}

// CallsOf is how many calls (compaction calls included) a session of n work
// calls makes.
func (t *Template) CallsOf(n int) int { return t.ends[min(n, len(t.ends)-1)] }

// Expired reports whether a call sent at time at finds the cache entry its
// session last used at lastUse expired: more than the TTL has passed. plan
// and simulate both decide a timing miss with it.
func Expired(at, lastUse, ttlMs int64) bool { return ttlMs > 0 && at-lastUse > ttlMs }

// Walk runs one session of n work calls without any throttling, from start
// (ms): each call is emitted with its index in the template, its start time
// and whether the cache had expired by then (a call that reads the cache
// after a pause longer than the TTL writes it again instead).
func (t *Template) Walk(start int64, n int, script *Script, ttlMs int64, emit func(i int, at int64, expired bool)) {
	at, last := start, start
	end := t.CallsOf(n)
	for i := 0; i < end; i++ {
		c := t.Calls[i]
		expired := i > 0 && !c.Cold && c.CacheRead > 0 && Expired(at, last, ttlMs)
		emit(i, at, expired)
		last = at
		at += t.Latency[i]
		if c.Compaction {
			continue // the client sends the real request at once
		}
		gap, _ := script.Gap()
		at += gap
	}
}
