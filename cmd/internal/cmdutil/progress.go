package cmdutil

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// progress shows how far a long read of logs has come, as a progress bar on
// stderr (only when stderr is a terminal), redrawn at most ten times a
// second and cleared when the read ends.
//
// The walk finds files while the first are read, so the totals grow: until
// every file is found the bar's end is kept one byte past what is known
// (the bar would otherwise finish, and clear itself, whenever the readers
// catch up with the walk) and the count of files says "found so far".
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
	max int64
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

func (p *progress) update(pr usage.Progress) {
	end := pr.BytesTotal
	if !pr.AllFound {
		end++
	}
	end = max(end, 1)
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(end,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		p.max = end
	}
	p.bar.Describe(progressLabel(pr))
	if end != p.max {
		p.max = end
		p.bar.ChangeMax64(end)
	}
	_ = p.bar.Set64(pr.Bytes)
}

// progressLabel is the bar's words: "reading 3 of 10 files", or "of 10+"
// while the walk may still find more.
func progressLabel(pr usage.Progress) string {
	more := "+"
	if pr.AllFound {
		more = ""
	}
	return fmt.Sprintf("reading %s of %s%s files", tiers.GroupDigits(int64(pr.Files)), tiers.GroupDigits(int64(pr.FilesTotal)), more)
}

// done finishes and clears the bar.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
