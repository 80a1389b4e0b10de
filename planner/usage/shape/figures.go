package shape

// Units of figures, as the report names them.
const (
	UnitCount     = "count"
	UnitTokens    = "tokens"
	UnitShare     = "share" // 0 to 1
	UnitSeconds   = "seconds"
	UnitMinutes   = "minutes"
	UnitPerMinute = "per_minute"
)

// How a figure is pooled over sessions, as the report says it; ratios
// name their own sums.
const (
	basisMean   = "mean per session"
	basisMedian = "median of all events"
	basisMax    = "largest"
)

// figureDef is one measured figure: its value in one session, and its
// pooled value over many (all their events together; token shares are
// token-weighted), which is the honest summary where sessions differ in size.
type figureDef struct {
	name, unit, meaning string
	pooledBasis         string
	session             func(m *measure) (float64, bool)
	pooled              func(ms []*measure) (float64, bool)
}

// ratioFigure is num/den: per session where den > 0, pooled as Σnum/Σden.
func ratioFigure(name, unit, basis, meaning string, num, den func(m *measure) float64) figureDef {
	return figureDef{name: name, unit: unit, meaning: meaning, pooledBasis: basis,
		session: func(m *measure) (float64, bool) {
			d := den(m)
			if d <= 0 {
				return 0, false
			}
			return num(m) / d, true
		},
		pooled: func(ms []*measure) (float64, bool) {
			var n, d float64
			for _, m := range ms {
				n += num(m)
				d += den(m)
			}
			if d <= 0 {
				return 0, false
			}
			return n / d, true
		},
	}
}

// sessionFigure is a figure every session has, pooled as its mean, or its
// maximum when largest is set.
func sessionFigure(name, unit, meaning string, largest bool, f func(m *measure) float64) figureDef {
	basis := basisMean
	if largest {
		basis = basisMax
	}
	return figureDef{name: name, unit: unit, meaning: meaning, pooledBasis: basis,
		session: func(m *measure) (float64, bool) { return f(m), true },
		pooled: func(ms []*measure) (float64, bool) {
			if len(ms) == 0 {
				return 0, false
			}
			var sum, top float64
			for i, m := range ms {
				v := f(m)
				sum += v
				if i == 0 || v > top {
					top = v
				}
			}
			if largest {
				return top, true
			}
			return sum / float64(len(ms)), true
		},
	}
}

// eventFigure is over events (deltas, pauses, compactions): a session's
// value is the median of its events, the pooled value the median of all
// events of all sessions.
func eventFigure(name, unit, meaning string, f func(m *measure) []float64) figureDef {
	return figureDef{name: name, unit: unit, meaning: meaning, pooledBasis: basisMedian,
		session: func(m *measure) (float64, bool) {
			s := f(m)
			if len(s) == 0 {
				return 0, false
			}
			return median(s), true
		},
		pooled: func(ms []*measure) (float64, bool) {
			var s []float64
			for _, m := range ms {
				s = append(s, f(m)...)
			}
			if len(s) == 0 {
				return 0, false
			}
			return median(s), true
		},
	}
}

// meanEventFigure is the mean over events: a session's mean, pooled as
// the mean of all events of all sessions. Where the time model adds up
// durations, the mean is the figure that reproduces a session's length.
func meanEventFigure(name, unit, meaning string, f func(m *measure) []float64) figureDef {
	return ratioFigure(name, unit, "mean of all events", meaning,
		func(m *measure) float64 {
			var sum float64
			for _, v := range f(m) {
				sum += v
			}
			return sum
		},
		func(m *measure) float64 { return float64(len(f(m))) })
}
