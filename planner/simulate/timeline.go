package simulate

import (
	"math"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
)

// TimelineRow is one step (a second or a minute) of a run: what was sent and
// admitted in it, and how full each bucket was at its end.
type TimelineRow struct {
	Day          int           // 1-based working day
	Clock        time.Duration // start of the step, after midnight of Day
	Requests     int64         // requests sent, retries included
	Admitted     int64
	Rejected     int64 // 429s
	InputTokens  int64 // admitted, as ITPM counts them
	OutputTokens int64 // admitted, actual output
	Active       int   // sessions in progress at the end of the step
	// Waited is the throttling delay of the calls that ended in the step
	// (admitted, or abandoned): each from its first send.
	Waited time.Duration
	// Fullness is each bucket's level over its capacity at the end of the
	// step, per pool in the order of LimitNames (see BucketNames); NaN
	// where the tier has no such limit.
	Fullness []float64
}

// timeline cuts a run into steps as events pass step boundaries. Steps in
// which no session is in progress and nothing happened (nights, gaps between
// sessions) are skipped, so a 30-day run per second stays the size of its
// working hours.
type timeline struct {
	step int64
	next int64 // end of the current step
	cur  TimelineRow
	emit func(TimelineRow) error
}

// advance closes every step that ends at or before now.
func (t *timeline) advance(now int64, e *engine) error {
	for now >= t.next {
		if err := t.flush(e); err != nil {
			return err
		}
		if e.active == 0 && now >= t.next {
			t.next = (now/t.step + 1) * t.step // skip the idle stretch
		}
	}
	return nil
}

// flush emits the step ending at t.next, unless it was idle.
func (t *timeline) flush(e *engine) error {
	row := t.cur
	t.cur = TimelineRow{}
	end := t.next
	t.next += t.step
	if e.active == 0 && row.Requests == 0 {
		return nil
	}
	start := end - t.step
	row.Day = int(start/dayMs) + 1
	row.Clock = time.Duration(start%dayMs) * time.Millisecond
	row.Active = e.active
	for _, lim := range e.lims {
		for _, b := range []*limiter.Bucket{lim.RPM, lim.ITPM, lim.OTPM, lim.TPM} {
			f := math.NaN()
			if b != nil {
				f = b.Fullness(end)
			}
			row.Fullness = append(row.Fullness, f)
		}
	}
	return t.emit(row)
}

// finish emits the last, partial step.
func (t *timeline) finish(e *engine) error {
	if t.cur.Requests == 0 {
		return nil
	}
	return t.flush(e)
}

// BucketNames names the columns of TimelineRow.Fullness for a workload:
// "rpm", "itpm", "otpm", "tpm" per pool, prefixed "POOL/" with several pools.
func BucketNames(pools []string) []string {
	var out []string
	for _, p := range pools {
		for _, l := range LimitNames {
			if len(pools) > 1 {
				l = p + "/" + l
			}
			out = append(out, l)
		}
	}
	return out
}

// Bucket is one bucket the tier limits: Index into TimelineRow.Fullness
// and the bucket levels, and its name as BucketNames gives it.
type Bucket struct {
	Index int
	Name  string
}

// LimitedBuckets lists the buckets of a workload's pools that the tier
// sets a limit for (a limit of 0 is no bucket), in Fullness order: the
// columns a timeline or a chart of bucket levels shows.
func LimitedBuckets(cfg Config) []Bucket {
	pools := Pools(cfg)
	names := BucketNames(pools)
	var out []Bucket
	for p, pool := range pools {
		l := cfg.Tier.Limits[pool]
		for i, v := range []int64{l.RPM, l.ITPM, l.OTPM, l.TPM} {
			if v > 0 {
				k := p*len(LimitNames) + i
				out = append(out, Bucket{Index: k, Name: names[k]})
			}
		}
	}
	return out
}

// Pools lists a workload's pools in the order the simulation uses them.
func Pools(cfg Config) []string {
	names, _ := poolsOf(cfg.Workload.Parts)
	return names
}
