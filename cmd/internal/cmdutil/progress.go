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
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

func (p *progress) update(pr usage.Progress) {
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(pr.BytesTotal,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Describe(fmt.Sprintf("reading %s of %s files", tiers.GroupDigits(int64(pr.Files)), tiers.GroupDigits(int64(pr.FilesTotal))))
	_ = p.bar.Set64(pr.Bytes)
}

// done finishes and clears the bar.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
