package usage

import (
	"cmp"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"
)

// Options control a read.
type Options struct {
	// Since and Until bound the entries kept: Since ≤ time < Until; a zero
	// value leaves that side open. A file last modified before Since is not
	// opened at all: transcripts are append-only, so it holds nothing newer.
	Since, Until time.Time
	// Workers is how many files are parsed at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each file, from one goroutine.
	Progress func(Progress)
	// Index, when set, holds what earlier reads found: files it has whole
	// are not opened, files that grew are read from where it stopped. Read
	// updates it; the caller saves it, before changing the entries returned
	// (the index may share them). The result is the same as without.
	Index *Index
}

// Progress is how far a read has come.
type Progress struct {
	Files, FilesTotal int
	Bytes, BytesTotal int64
}

// FileStats is what reading one file found.
type FileStats struct {
	Path          string `json:"path"`
	Lines         int    `json:"lines"`
	UsageLines    int    `json:"usage_lines"`
	BadLines      int    `json:"bad_lines"`
	InvalidUTF8   int    `json:"invalid_utf8_lines"`
	APIErrorLines int    `json:"api_error_lines"`
	// Incomplete is set when the last line had no newline and could not be
	// read: the file was cut short, or is still being written.
	Incomplete bool `json:"incomplete_last_line"`
	// FirstBad is the first bad line, "LINE: why", for the user to look at.
	FirstBad string `json:"first_bad,omitempty"`
	// Err is set when the file could not be read to its end.
	Err string `json:"error,omitempty"`
}

// Data is the deduplicated content of a set of transcripts.
type Data struct {
	// Entries are the API calls, one per response, sidechain replays
	// dropped, within Since/Until, sorted by time.
	Entries   []Entry
	LimitHits []LimitHit // sorted by time
	// Files has one FileStats per file read; files skipped by Since are not
	// in it.
	Files []FileStats
	// Problems are unreadable files and directories, and files with bad
	// lines, one per file.
	Problems []Problem

	FilesSkipped   int // not opened: last modified before Since
	Bytes          int64
	Lines          int
	UsageLines     int
	DuplicateLines int // lines repeating a response already counted
	Replays        int // sidechain replays of a parent response, dropped
	BadLines       int
	InvalidUTF8    int
	APIErrorLines  int // synthetic error lines that are not limit hits
}

// fileResult is one file's parse, before the global merge.
type fileResult struct {
	entries []Entry
	hits    []LimitHit
	stats   FileStats
	bytes   int64
	// duplicates are lines folded within the file.
	duplicates int
	// next is the file's state for the index; nil when it could not be
	// read to its end. nextCopied: its entries are its own, not entries.
	next       *fileState
	nextCopied bool
}

// statsOf is a file's result as the index has it, without its entries.
func statsOf(s *fileState) *fileResult {
	return &fileResult{hits: s.hits, stats: s.stats, bytes: s.offset, duplicates: s.duplicates, next: s}
}

// resultOf is a file's result as the index has it, nothing read.
func resultOf(s *fileState) *fileResult {
	st := s.stats
	return &fileResult{entries: s.list(), hits: s.hits, stats: st, bytes: s.offset, duplicates: s.duplicates, next: s}
}

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
			lp := newLineParser()
			lr := newLineReader(nil)
			for i := range jobs {
				results <- indexedResult{i, readFile(fsys, todo[i], lp, lr, known[i])}
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
