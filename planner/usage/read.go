package usage

import (
	"runtime"
	"sort"
	"sync"

	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// Read parses files (sorted by path, as FindFiles lists them) in parallel
// and merges them in path order, so the result does not depend on
// scheduling.
func Read(fsys FileSystem, files []LogFile, opt Options) *Data {
	rd := startReading(fsys, opt)
	for _, f := range files {
		rd.offer(f)
	}
	return rd.finish(files, nil)
}

// ReadPaths finds the transcripts under paths (as FindFiles does) and
// reads them, each file handed to a parsing goroutine as soon as the walk
// finds it; with an Index, directories unchanged since are not listed
// again. Problems of the walk come first in the data's Problems. A path
// that does not exist is an error.
func ReadPaths(fsys FileSystem, paths []string, opt Options) (*Data, error) {
	rd := startReading(fsys, opt)
	dopt := discover.Options{Found: rd.offer}
	if ix := opt.Index; ix != nil {
		ix.dirs.Now = opt.Now
		dopt.Listings = &ix.dirs
	}
	files, problems, err := discover.Find(fsys, paths, dopt)
	if err != nil {
		rd.stop()
		return nil, err
	}
	return rd.finish(files, problems), nil
}

// reading is one read under way: files are offered as they are found,
// those the index does not have whole go to the workers, and the results
// gather until every file is known.
type reading struct {
	fsys          FileSystem
	opt           Options
	jobs          chan job
	wg            sync.WaitGroup
	mu            sync.Mutex
	results       map[string]*fileResult
	skipped       int
	offered, done int
	bytes, total  int64
}

type job struct {
	f    LogFile
	from *fileState
}

func startReading(fsys FileSystem, opt Options) *reading {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rd := &reading{fsys: fsys, opt: opt, jobs: make(chan job, 2*workers), results: map[string]*fileResult{}}
	for w := 0; w < workers; w++ {
		rd.wg.Add(1)
		go func() {
			defer rd.wg.Done()
			wk := newWorker(opt.Now, opt.Index != nil)
			for j := range rd.jobs {
				r := readFile(rd.fsys, j.f, wk, j.from)
				rd.mu.Lock()
				rd.results[j.f.Path] = r
				rd.done++
				rd.bytes += r.bytes
				if rd.opt.Progress != nil {
					rd.opt.Progress(Progress{Files: rd.done, FilesTotal: rd.offered, Bytes: rd.bytes, BytesTotal: rd.total})
				}
				rd.mu.Unlock()
			}
		}()
	}
	return rd
}

// offer takes one file found: skipped (older than Since), kept as the
// index has it, or read.
func (rd *reading) offer(f LogFile) {
	if !rd.opt.Since.IsZero() && f.ModTime.Before(rd.opt.Since) {
		rd.skipped++
		return
	}
	ix := rd.opt.Index
	how, s := ix.decide(f)
	if how == unchanged {
		return
	}
	// A grown file is read on from its entries in the index, loaded here,
	// once, before any worker needs them; if they cannot be, it is read
	// from its start (and the read, finding the index unreadable, again).
	if how == fromStart || s.block != nil && ix.load() != nil {
		s = nil
	}
	rd.mu.Lock()
	rd.offered++
	rd.total += f.Size
	rd.mu.Unlock()
	rd.jobs <- job{f, s}
}

// finish waits for the workers and merges: files is every file found,
// sorted by path, and problems what the walk could not read.
func (rd *reading) finish(files []LogFile, problems []Problem) *Data {
	rd.stop()
	data := &Data{FilesSkipped: rd.skipped, Problems: problems}
	var read []LogFile // every file but those skipped by Since
	for _, f := range files {
		if rd.opt.Since.IsZero() || !f.ModTime.Before(rd.opt.Since) {
			read = append(read, f)
		}
	}
	ix := rd.opt.Index
	if ix != nil && ix.keep(files, rd.results) != nil {
		return rd.again(files, problems)
	}
	current := rd.current(read, data)
	switch {
	case ix != nil && rd.skipped == 0 && rd.persisted():
		if ix.dataFromIndex(data, files, rd.opt, rd.fsys) != nil {
			return rd.again(files, problems)
		}
	case ix != nil && ix.load() != nil:
		return rd.again(files, problems)
	default:
		mergeData(data, current, rd.opt)
	}
	return data
}

// again reads every file anew, into an index emptied: the one loaded could
// not be read back (damaged, or replaced by another run since it was
// loaded), and what it said of the files not read is not to be trusted.
func (rd *reading) again(files []LogFile, problems []Problem) *Data {
	rd.opt.Index.reset()
	again := startReading(rd.fsys, rd.opt)
	for _, f := range files {
		again.offer(f)
	}
	return again.finish(files, problems)
}

// stop waits for the files offered to be read.
func (rd *reading) stop() {
	close(rd.jobs)
	rd.wg.Wait()
}

// persisted reports whether every file read is in the index as read now:
// read to its end, with no call after the last complete line.
func (rd *reading) persisted() bool {
	for _, r := range rd.results {
		if r.next == nil || r.provisional {
			return false
		}
	}
	return true
}

// fileEntries is one file's entries in this read: as read now, or as the
// index has them (decoded only if this read merges them).
type fileEntries struct {
	entries []Entry
	s       *fileState
}

func (fe fileEntries) list() []Entry {
	if fe.s != nil {
		return fe.s.list()
	}
	return fe.entries
}

// current gathers the counts, limit hits and problems of the files read,
// in path order, and returns their entries as this read has them.
func (rd *reading) current(read []LogFile, data *Data) []fileEntries {
	out := make([]fileEntries, 0, len(read))
	for _, f := range read {
		var stats FileStats
		var hits []LimitHit
		var fe fileEntries
		if r := rd.results[f.Path]; r != nil {
			stats, hits = r.stats, r.hits
			data.Bytes += r.bytes
			data.DuplicateLines += r.duplicates
			fe.entries = r.entries
		} else {
			s := rd.opt.Index.files[f.Path]
			stats, hits = s.stats, s.hits
			stats.Path = f.Path
			data.Bytes += s.offset
			data.DuplicateLines += s.duplicates
			fe.s = s
		}
		data.Files = append(data.Files, stats)
		data.Lines += stats.Lines
		data.UsageLines += stats.UsageLines
		data.BadLines += stats.BadLines
		data.InvalidUTF8 += stats.InvalidUTF8
		data.APIErrorLines += stats.APIErrorLines
		data.LimitHits = append(data.LimitHits, hits...)
		if p, ok := stats.problem(); ok {
			data.Problems = append(data.Problems, p)
		}
		out = append(out, fe)
	}
	data.LimitHits = keepHitsWithin(data.LimitHits, rd.opt.Since, rd.opt.Until)
	sort.SliceStable(data.LimitHits, func(i, j int) bool { return data.LimitHits[i].Time.Before(data.LimitHits[j].Time) })
	data.LimitHits = uniqueHits(data.LimitHits)
	return out
}
