package simulate

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/planner/simulate"
)

// dayCharts gathers the first day of a run minute by minute for the
// charts: requests, 429s, the wait added to the calls that ended, and each
// bucket's level (the lowest it was at the end of a step in the minute).
type dayCharts struct {
	names   []string // the tier's buckets, as the charts name them
	columns []int    // their indexes in TimelineRow.Fullness
	next    func(simulate.TimelineRow) error
	minutes []minuteRow
}

type minuteRow struct {
	clock    time.Duration
	rejected int64
	waited   time.Duration
	level    []float64
}

func newDayCharts(cfg simulate.Config) *dayCharts {
	d := &dayCharts{}
	for _, b := range simulate.LimitedBuckets(cfg) {
		d.columns = append(d.columns, b.Index)
		d.names = append(d.names, strings.ToUpper(b.Name))
	}
	return d
}

// row takes one timeline step (of any length up to a minute) of day 1, and
// hands it on to the CSV timeline when there is one.
func (d *dayCharts) row(r simulate.TimelineRow) error {
	if r.Day == 1 {
		clock := r.Clock.Truncate(time.Minute)
		if n := len(d.minutes); n == 0 || d.minutes[n-1].clock != clock {
			m := minuteRow{clock: clock, level: make([]float64, len(d.columns))}
			for i := range m.level {
				m.level[i] = math.Inf(1)
			}
			d.minutes = append(d.minutes, m)
		}
		m := &d.minutes[len(d.minutes)-1]
		m.rejected += r.Rejected
		m.waited += r.Waited
		for i, k := range d.columns {
			m.level[i] = math.Min(m.level[i], r.Fullness[k])
		}
	}
	if d.next != nil {
		return d.next(r)
	}
	return nil
}

// pictures are the day's bucket levels, its 429s and its added waits.
func (d *dayCharts) pictures(tier string, days int) []chart.Picture {
	day := "the day"
	if days > 1 {
		day = fmt.Sprintf("day 1 of %d", days)
	}
	clock := chart.Axis{Title: "time of " + day, Unit: chart.Clock}
	levels := chart.Figure{
		Title: fmt.Sprintf("Bucket levels on %s over %s (the lowest in each minute)", tier, day),
		X:     clock, Y: chart.Axis{Title: "share of the bucket left", Unit: chart.Percent}, YMax: 1,
	}
	for i, name := range d.names {
		s := chart.Series{Name: name}
		for k, m := range d.minutes {
			// A gap in the timeline is time with no session: the line
			// breaks there rather than joining across it.
			if k > 0 && m.clock-d.minutes[k-1].clock > 5*time.Minute {
				s.X, s.Y = append(s.X, m.clock.Seconds()-60), append(s.Y, math.NaN())
			}
			s.X, s.Y = append(s.X, m.clock.Seconds()), append(s.Y, m.level[i])
		}
		levels.Series = append(levels.Series, s)
	}
	rejected := chart.Series{Name: "429s", Kind: chart.Bars}
	waited := chart.Series{Name: "seconds of wait added to the calls that ended", Kind: chart.Bars}
	var total int64
	for _, m := range d.minutes {
		rejected.X, rejected.Y = append(rejected.X, m.clock.Seconds()), append(rejected.Y, float64(m.rejected))
		waited.X, waited.Y = append(waited.X, m.clock.Seconds()), append(waited.Y, m.waited.Seconds())
		total += m.rejected
	}
	if total == 0 {
		levels.Title += "; no 429s"
		return []chart.Picture{levels}
	}
	return []chart.Picture{levels,
		chart.Figure{Title: "429s per minute", X: clock, Y: chart.Axis{Title: "429s", Unit: chart.Count}, Series: []chart.Series{rejected}},
		chart.Figure{Title: "Throttling wait per minute", X: clock, Y: chart.Axis{Title: "seconds", Unit: chart.Count}, Series: []chart.Series{waited}},
	}
}
