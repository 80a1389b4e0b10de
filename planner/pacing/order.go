package pacing

import "math"

// Waiting is one call in the proxy's queue.
type Waiting struct {
	User        string
	Interactive bool // interactive calls go before batch ones
	Seq         uint64
}

// Next is the index of the call to admit next: interactive before batch;
// within a class, the user who was served least lately (fair share, so one
// developer's burst cannot starve the others); then arrival order. It is -1
// for an empty queue.
func Next(w []Waiting, served func(user string) float64) int {
	best := -1
	var bestServed float64
	for i, c := range w {
		s := served(c.User)
		if best < 0 || before(c, s, w[best], bestServed) {
			best, bestServed = i, s
		}
	}
	return best
}

func before(a Waiting, as float64, b Waiting, bs float64) bool {
	if a.Interactive != b.Interactive {
		return a.Interactive
	}
	if as != bs {
		return as < bs
	}
	return a.Seq < b.Seq
}

// ShareHalfLifeMs is how fast what a user was served is forgotten: what
// counted a minute ago counts half.
const ShareHalfLifeMs = 60_000

// Shares tracks what each user was served lately, decaying with a one-minute
// half-life, for Next's fair share. It is not safe for concurrent use.
type Shares struct {
	m map[string]*share
}

type share struct {
	value float64
	at    int64
}

// NewShares returns empty shares.
func NewShares() *Shares { return &Shares{m: map[string]*share{}} }

// Add counts units served to user at time now.
func (s *Shares) Add(user string, units float64, now int64) {
	sh := s.m[user]
	if sh == nil {
		sh = &share{at: now}
		s.m[user] = sh
	}
	sh.value = decay(sh.value, now-sh.at) + units
	sh.at = max(sh.at, now)
}

// Of is what user was served lately, as of now.
func (s *Shares) Of(user string, now int64) float64 {
	sh := s.m[user]
	if sh == nil {
		return 0
	}
	return decay(sh.value, now-sh.at)
}

// Forget drops users whose share has decayed below one unit, so the map
// does not grow with every user ever seen.
func (s *Shares) Forget(now int64) {
	for u, sh := range s.m {
		if decay(sh.value, now-sh.at) < 1 {
			delete(s.m, u)
		}
	}
}

func decay(v float64, dtMs int64) float64 {
	if dtMs <= 0 {
		return v
	}
	return v * math.Exp2(-float64(dtMs)/ShareHalfLifeMs)
}
