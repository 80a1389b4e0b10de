package usage

import "time"

// BlockLength is the length of a subscription usage window.
const BlockLength = 5 * time.Hour

// BlockRow is one 5-hour usage window.
//
// The window rule is ccusage's, so the two tools agree: entries sorted by
// time; the first opens a block starting at its time floored to the UTC hour
// (resets are observed on the hour); a block ends 5 hours after its start;
// an entry more than 5 hours after the block start, or more than 5 hours
// after the previous entry, opens a new block. Idle gaps are not blocks.
// Anthropic says a window starts at the first message, so the floor can put
// a block start up to 59 minutes early; a limit hit's reset time, where the
// logs have one, is the ground truth and is shown next to the block.
type BlockRow struct {
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	FirstEntry time.Time `json:"first_entry"`
	LastEntry  time.Time `json:"last_entry"`
	// LimitHits counts limit-hit lines inside the block; ResetAt is the
	// reset time the last of them gave.
	LimitHits int       `json:"limit_hits"`
	ResetAt   time.Time `json:"reset_at,omitzero"`
	Sum
}

// buildBlocks groups time-sorted entries into 5-hour blocks.
func buildBlocks(entries []Entry, hits []LimitHit, p *pricer) []BlockRow {
	rows := []BlockRow{}
	var cur *acc
	var start, last time.Time
	flush := func() {
		if cur == nil {
			return
		}
		row := BlockRow{Start: start, End: start.Add(BlockLength), FirstEntry: cur.first, LastEntry: cur.last, Sum: cur.result(p, true)}
		rows = append(rows, row)
	}
	for i := range entries {
		e := &entries[i]
		if cur != nil && (e.Time.Sub(start) > BlockLength || e.Time.Sub(last) > BlockLength) {
			flush()
			cur = nil
		}
		if cur == nil {
			cur = &acc{}
			start = e.Time.UTC().Truncate(time.Hour)
		}
		mi := p.indexOf(e.Model)
		cur.add(e, mi, p.longContext(mi, e))
		last = e.Time
	}
	flush()
	for _, h := range hits {
		for i := range rows {
			if !h.Time.Before(rows[i].Start) && h.Time.Before(rows[i].End) {
				rows[i].LimitHits++
				if !h.ResetAt.IsZero() {
					rows[i].ResetAt = h.ResetAt
				}
				break
			}
		}
	}
	return rows
}
