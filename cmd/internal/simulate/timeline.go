package simulate

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/planner/simulate"
)

// timelineWriter streams timeline rows as CSV into a temporary file next to
// the target and renames it into place only when the run succeeded, so a
// failed run never leaves half a file where a good one was.
type timelineWriter struct {
	path    string
	tmp     *os.File
	buf     *bufio.Writer
	csv     *csv.Writer
	columns []int // indexes into TimelineRow.Fullness of the tier's limits
	rec     []string
	done    bool
}

func newTimelineWriter(path string, cfg simulate.Config) (*timelineWriter, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, timelineError(path, err)
	}
	tw := &timelineWriter{path: path, tmp: tmp, buf: bufio.NewWriterSize(tmp, 1<<16)}
	tw.csv = csv.NewWriter(tw.buf)
	header := []string{"day", "time", "requests", "admitted", "rejected_429", "input_tokens", "output_tokens", "active_sessions"}
	pools := simulate.Pools(cfg)
	names := simulate.BucketNames(pools)
	for p, pool := range pools {
		l := cfg.Tier.Limits[pool]
		for i, v := range []int64{l.RPM, l.ITPM, l.OTPM, l.TPM} {
			if v > 0 {
				k := p*len(simulate.LimitNames) + i
				tw.columns = append(tw.columns, k)
				header = append(header, names[k]+"_bucket_full")
			}
		}
	}
	tw.rec = make([]string, len(header))
	if err := tw.csv.Write(header); err != nil {
		tw.discard()
		return nil, err
	}
	return tw, nil
}

// row writes one timeline step.
func (tw *timelineWriter) row(r simulate.TimelineRow) error {
	rec := tw.rec[:0]
	rec = append(rec, strconv.Itoa(r.Day), clockSeconds(r.Clock),
		strconv.FormatInt(r.Requests, 10), strconv.FormatInt(r.Admitted, 10), strconv.FormatInt(r.Rejected, 10),
		strconv.FormatInt(r.InputTokens, 10), strconv.FormatInt(r.OutputTokens, 10), strconv.Itoa(r.Active))
	for _, i := range tw.columns {
		x := r.Fullness[i]
		if math.IsNaN(x) {
			rec = append(rec, "")
			continue
		}
		rec = append(rec, strconv.FormatFloat(x, 'f', 4, 64))
	}
	return tw.csv.Write(rec)
}

// commit flushes the file and moves it into place.
func (tw *timelineWriter) commit() error {
	tw.csv.Flush()
	err := tw.csv.Error()
	if err == nil {
		err = tw.buf.Flush()
	}
	if err == nil {
		err = tw.tmp.Chmod(timelineMode(tw.path))
	}
	if cerr := tw.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tw.tmp.Name(), tw.path)
	}
	if err != nil {
		_ = os.Remove(tw.tmp.Name())
		return timelineError(tw.path, err)
	}
	tw.done = true
	return nil
}

// timelineMode is the mode the timeline gets: an existing file keeps its
// own; a new one is 0644 like any file the user writes (os.CreateTemp made
// the temporary file 0600, private to its owner).
func timelineMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o644
}

// timelineError names the file the user gave, not the temporary file the
// failing call saw.
func timelineError(path string, err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("--timeline: %s: %v", path, err)
}

// discard removes the temporary file unless it was committed.
func (tw *timelineWriter) discard() {
	if tw.done {
		return
	}
	_ = tw.tmp.Close()
	_ = os.Remove(tw.tmp.Name())
}

// clockSeconds renders a time of day as HH:MM:SS, with milliseconds when
// the step is finer than a second.
func clockSeconds(d time.Duration) string {
	s := fmt.Sprintf("%02d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
	if ms := d.Milliseconds() % 1000; ms != 0 {
		s += fmt.Sprintf(".%03d", ms)
	}
	return s
}
