package simulate

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"time"

	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/simulate"
)

// timelineWriter streams timeline rows as CSV through userfile: into a
// temporary file renamed over the target only when the run succeeded (so a
// failed or interrupted run never leaves half a file where a good one was,
// nor a temporary file beside it), or straight into a device, a pipe or
// stdout ("-").
type timelineWriter struct {
	path    string
	out     *userfile.File
	buf     *bufio.Writer
	csv     *csv.Writer
	columns []int // indexes into TimelineRow.Fullness of the tier's limits
	rec     []string
}

func newTimelineWriter(path string, stdout io.Writer, cfg simulate.Config) (*timelineWriter, error) {
	out, err := userfile.Create(path, userfile.Options{Stdout: stdout})
	if err != nil {
		return nil, timelineError(path, err)
	}
	tw := &timelineWriter{path: path, out: out, buf: bufio.NewWriterSize(out, 1<<16)}
	tw.csv = csv.NewWriter(tw.buf)
	header := []string{"day", "time", "requests", "admitted", "rejected_429", "input_tokens", "output_tokens", "active_sessions"}
	for _, b := range simulate.LimitedBuckets(cfg) {
		tw.columns = append(tw.columns, b.Index)
		header = append(header, b.Name+"_bucket_full")
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

// commit flushes the rows and moves the file into place.
func (tw *timelineWriter) commit() error {
	tw.csv.Flush()
	err := tw.csv.Error()
	if err == nil {
		err = tw.buf.Flush()
	}
	if err == nil {
		err = tw.out.Commit()
	}
	if err != nil {
		tw.out.Abort()
		return timelineError(tw.path, err)
	}
	return nil
}

// timelineError names the file the user gave, not the temporary file the
// failing call saw.
func timelineError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("--timeline %s: %v", path, err)
}

// discard removes the temporary file unless it was committed.
func (tw *timelineWriter) discard() { tw.out.Abort() }

// clockSeconds renders a time of day as HH:MM:SS, with milliseconds when
// the step is finer than a second.
func clockSeconds(d time.Duration) string {
	s := fmt.Sprintf("%02d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
	if ms := d.Milliseconds() % 1000; ms != 0 {
		s += fmt.Sprintf(".%03d", ms)
	}
	return s
}
