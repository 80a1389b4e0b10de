package pacing

// LowBucket is a bucket found below the warning level.
type LowBucket struct {
	Bucket string // "requests", "input-tokens", "output-tokens", "tokens", "unified-5h", …
	// Remaining and Limit are counts for the per-minute buckets; for a
	// unified window they are 0 and Share alone tells.
	Remaining, Limit int64
	Share            float64 // what is left, 0–1
}

// Low lists the buckets of a report with less than below (a share, 0.1 for
// 10%) left, in the report's order: requests, input, output, combined
// tokens, then the unified windows.
func Low(r Report, below float64) []LowBucket {
	var out []LowBucket
	for _, b := range []struct {
		name string
		r    Reading
	}{{"requests", r.Requests}, {"input-tokens", r.Input}, {"output-tokens", r.Output}, {"tokens", r.Tokens}} {
		if !b.r.Known {
			continue
		}
		share := float64(b.r.Remaining) / float64(b.r.Limit)
		if share < below {
			out = append(out, LowBucket{Bucket: b.name, Remaining: b.r.Remaining, Limit: b.r.Limit, Share: share})
		}
	}
	for _, u := range r.Unified {
		if left := max(1-u.Utilization, 0); left < below {
			out = append(out, LowBucket{Bucket: "unified-" + u.Window, Share: left})
		}
	}
	return out
}
