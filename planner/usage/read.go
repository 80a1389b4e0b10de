package usage

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"
)

// Read parses files in parallel and merges them in path order, so the
// result does not depend on scheduling.
func Read(fsys FileSystem, files []LogFile, opt Options) *Data {
	data := &Data{}
	var todo []LogFile
	for _, f := range files {
		if !opt.Since.IsZero() && f.ModTime.Before(opt.Since) {
			data.FilesSkipped++
			continue
		}
		todo = append(todo, f)
	}
	ix := opt.Index
	if ix != nil {
		ix.forget(files)
	}
	// What the index has whole is merged as it is; the rest is read.
	known := make([]*fileState, len(todo))
	var read []int
	var total int64
	for i, f := range todo {
		total += f.Size
		var s *fileState
		if ix != nil {
			s = ix.states[f.Path]
		}
		switch ix.decide(f, s) {
		case unchanged:
			known[i] = s
		case fromOffset:
			known[i] = s
			read = append(read, i)
		default:
			read = append(read, i)
		}
	}
	results := readAll(fsys, todo, known, read, opt.Workers)

	// Nothing read and nothing skipped: the merged result the index kept
	// from the last read is still the result, and nothing is merged again.
	var snap *snapshot
	if ix != nil && len(read) == 0 && len(todo) == len(files) {
		snap = ix.snapshotFor(todo)
	}
	hint := 0
	for _, s := range known {
		if s != nil {
			hint += s.count()
		}
	}
	if snap != nil {
		hint = 0
	}
	d := newDeduper(hint)
	d.inPlace = ix != nil
	pending := map[int]*fileResult{}
	reading := map[int]bool{}
	for _, i := range read {
		reading[i] = true
	}
	for next := 0; next < len(todo); next++ {
		var r *fileResult
		switch {
		case snap != nil:
			r = statsOf(known[next])
		case !reading[next]:
			r = resultOf(known[next])
		default:
			for pending[next] == nil {
				res := <-results
				pending[res.i] = res.r
			}
			r = pending[next]
			delete(pending, next)
			if ix != nil {
				ix.update(todo[next].Path, r.next)
			}
		}
		data.merge(r, d)
		if opt.Progress != nil {
			opt.Progress(Progress{Files: next + 1, FilesTotal: len(todo), Bytes: data.Bytes, BytesTotal: total})
		}
	}
	var all []Entry
	if snap != nil {
		all, data.Replays = snap.list(), snap.replays
		data.DuplicateLines += snap.duplicates
	} else {
		refs, replays := dropReplays(d.refs)
		all, data.Replays = sortByTime(refs), replays
		data.DuplicateLines += d.duplicates
		if ix != nil && len(todo) == len(files) {
			ix.keepSnapshot(todo, all, replays, d.duplicates)
		}
	}
	data.Entries = entriesWithin(all, opt.Since, opt.Until)
	data.LimitHits = keepHitsWithin(data.LimitHits, opt.Since, opt.Until)
	sort.SliceStable(data.LimitHits, func(i, j int) bool { return data.LimitHits[i].Time.Before(data.LimitHits[j].Time) })
	data.LimitHits = uniqueHits(data.LimitHits)
	return data
}

// uniqueHits drops repeats of a limit hit (the same line read from two
// copies of a history, or from an export and its logs): hits sorted by
// time, a repeat has the same time as the one it repeats.
func uniqueHits(hits []LimitHit) []LimitHit {
	out := hits[:0]
	for i, h := range hits {
		dup := false
		for j := len(out) - 1; j >= 0 && out[j].Time.Equal(h.Time); j-- {
			if out[j] == h {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, hits[i])
		}
	}
	return out
}

type indexedResult struct {
	i int
	r *fileResult
}

// readAll reads the files todo[i] for i in read, from what known[i] has,
// on workers goroutines, and sends each result as it comes.
func readAll(fsys FileSystem, todo []LogFile, known []*fileState, read []int, workers int) <-chan indexedResult {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	results := make(chan indexedResult, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for i := range jobs {
				results <- indexedResult{i, readFile(fsys, todo[i], w, known[i])}
			}
		}()
	}
	go func() {
		for _, i := range read {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	return results
}

// merge folds one file's result into the totals, in path order.
func (data *Data) merge(r *fileResult, d *deduper) {
	s := r.stats
	data.Files = append(data.Files, s)
	data.Bytes += r.bytes
	data.DuplicateLines += r.duplicates
	data.Lines += s.Lines
	data.UsageLines += s.UsageLines
	data.BadLines += s.BadLines
	data.InvalidUTF8 += s.InvalidUTF8
	data.APIErrorLines += s.APIErrorLines
	for i := range r.entries {
		d.add(&r.entries[i])
	}
	data.LimitHits = append(data.LimitHits, r.hits...)
	if p, ok := s.problem(); ok {
		data.Problems = append(data.Problems, p)
	}
}

// entriesWithin returns the entries within since and until; a new slice
// when some are left out, as the index may keep all of them.
func entriesWithin(entries []Entry, since, until time.Time) []Entry {
	if since.IsZero() && until.IsZero() {
		return entries
	}
	var out []Entry
	for _, e := range entries {
		if within(e.Time, since, until) {
			out = append(out, e)
		}
	}
	return out
}

func keepHitsWithin(hits []LimitHit, since, until time.Time) []LimitHit {
	out := hits[:0]
	for _, h := range hits {
		if within(h.Time, since, until) {
			out = append(out, h)
		}
	}
	return out
}

func within(t, since, until time.Time) bool {
	return (since.IsZero() || !t.Before(since)) && (until.IsZero() || t.Before(until))
}

// sortByTime copies the entries into one slice sorted by time, ties in
// merge order, through a permutation of small keys (seconds, nanoseconds,
// index) rather than whole entries.
func sortByTime(entries []*Entry) []Entry {
	type key struct {
		sec  int64
		nsec int32
		i    int32
	}
	keys := make([]key, len(entries))
	sorted := true
	for i, e := range entries {
		keys[i] = key{e.Time.Unix(), int32(e.Time.Nanosecond()), int32(i)}
		if i > 0 && (keys[i].sec < keys[i-1].sec || keys[i].sec == keys[i-1].sec && keys[i].nsec < keys[i-1].nsec) {
			sorted = false
		}
	}
	if !sorted {
		slices.SortFunc(keys, func(a, b key) int {
			if c := cmp.Compare(a.sec, b.sec); c != 0 {
				return c
			}
			if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
	}
	out := make([]Entry, len(entries))
	for i, k := range keys {
		out[i] = *entries[k.i]
	}
	return out
}
