package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// progress shows how far a long read has come on one rewritten stderr line,
// at most ten times a second. Only used when stderr is a terminal.
type progress struct {
	w     io.Writer
	now   func() time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, last: now()}
}

func (p *progress) update(pr usage.Progress) {
	t := p.now()
	if t.Sub(p.last) < 100*time.Millisecond && pr.Files < pr.FilesTotal {
		return
	}
	p.last = t
	p.shown = true
	fmt.Fprintf(p.w, "\rreading %s of %s files, %s of %s   ",
		tiers.GroupDigits(int64(pr.Files)), tiers.GroupDigits(int64(pr.FilesTotal)), byteSize(pr.Bytes), byteSize(pr.BytesTotal))
}

// done clears the progress line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// byteSize renders a size in kB, MB or GB (powers of 1000).
func byteSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f kB", float64(n)/1e3)
}
