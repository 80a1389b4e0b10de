package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/planner/simulate"
	"github.com/tierplan/tierplan/tiers"
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

func newTimelineWriter(path string, l tiers.Limits) (*timelineWriter, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("--timeline: %w", err)
	}
	tw := &timelineWriter{path: path, tmp: tmp, buf: bufio.NewWriterSize(tmp, 1<<16)}
	tw.csv = csv.NewWriter(tw.buf)
	header := []string{"day", "time", "requests", "admitted", "rejected_429", "input_tokens", "output_tokens", "active_sessions"}
	for i, v := range []int64{l.RPM, l.ITPM, l.OTPM, l.TPM} {
		if v > 0 {
			tw.columns = append(tw.columns, i)
			header = append(header, simulate.LimitNames[i]+"_bucket_full")
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
	if cerr := tw.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tw.tmp.Name(), tw.path)
	}
	if err != nil {
		_ = os.Remove(tw.tmp.Name())
		return fmt.Errorf("--timeline: %w", err)
	}
	tw.done = true
	return nil
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
