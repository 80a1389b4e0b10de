package usage

import (
	"runtime"
	"sync"

	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// Read parses files (sorted by path, as FindFiles lists them) in parallel
// and merges them in path order, so the result does not depend on
// scheduling.
//
// A ReportSpec whose Await fails is dropped: the data is whole, and
// BuildReport builds the report from it.
func Read(fsys FileSystem, files []LogFile, opt Options) *Data {
	if spec, err := opt.Report.ready(); err == nil {
		opt.Report = spec
	} else {
		opt.Report = nil
	}
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
	} else if len(paths) == 1 {
		// From one root the walk finds files in path order: they are
		// merged as they come, while the walk goes on.
		rd.streamed = make(chan *streamed, 1)
		go func() {
			d := &Data{}
			rd.streamed <- &streamed{d, rd.mergeInOrder(d, rd.foundAt)}
		}()
	}
	rd.prepared = prepareReport(opt.Index, opt.Report, opt.Since, opt.Until)
	files, problems, err := discover.Find(fsys, paths, dopt)
	rd.mu.Lock()
	rd.walked = true
	rd.arrived.Broadcast()
	rd.mu.Unlock()
	switch {
	case rd.prepared != nil:
		spec, perr := rd.prepared.wait() // before anything changes the index
		if err == nil {
			rd.opt.Report, err = spec, perr
		}
	case err == nil:
		rd.opt.Report, err = rd.opt.Report.ready()
	}
	if err != nil {
		rd.stop()
		return nil, err
	}
	return rd.finish(files, problems), nil
}

// streamed is a merge done as the files were found.
type streamed struct {
	data *Data
	m    *merger
}

// reading is one read under way: files are offered as they are found,
// those the index does not have whole go to the workers, and the results
// gather until every file is known.
type reading struct {
	fsys          FileSystem
	opt           Options
	queue         []job // files to read, in the order found
	closed        bool  // every file has been offered
	queued        *sync.Cond
	wg            sync.WaitGroup
	mu            sync.Mutex
	arrived       *sync.Cond // what the merge waits for came: see waitPath, waitFound
	waitPath      string     // the file whose result the merge waits for
	waitFound     bool       // the merge waits for the walk to find a file
	results       map[string]*fileResult
	found         []LogFile // the files offered, in the order found
	walked        bool
	streamed      chan *streamed // the merge as files were found, when there is one
	prepared      *preparedReport
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
	rd := &reading{fsys: fsys, opt: opt, results: map[string]*fileResult{}}
	rd.arrived, rd.queued = sync.NewCond(&rd.mu), sync.NewCond(&rd.mu)
	for w := 0; w < workers; w++ {
		rd.wg.Add(1)
		go func() {
			defer rd.wg.Done()
			var wk *worker // made for the first file: a warm run reads none
			for {
				j, ok := rd.next()
				if !ok {
					return
				}
				if wk == nil {
					wk = newWorker(opt.Now, opt.Index != nil)
				}
				from := j.from
				if from != nil && from.block != nil && from.block.src.ensure() != nil {
					from = nil
				}
				r := readFile(rd.fsys, j.f, wk, from)
				rd.mu.Lock()
				rd.results[j.f.Path] = r
				if rd.waitPath == j.f.Path {
					rd.arrived.Signal()
				}
				rd.done++
				rd.bytes += r.bytes
				if rd.opt.Progress != nil {
					rd.opt.Progress(Progress{Files: rd.done, FilesTotal: rd.offered, Bytes: rd.bytes, BytesTotal: rd.total, AllFound: rd.closed})
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
	// A grown file is read on from its entries in the index, whose large
	// sections are read beside the walk; the worker waits for them, and
	// reads the file from its start when they cannot be had (and the
	// read, finding the index unreadable, reads again).
	if how == fromStart {
		s = nil
	} else if s.block != nil {
		ix.loadBeside()
	}
	rd.mu.Lock()
	rd.offered++
	rd.total += f.Size
	rd.found = append(rd.found, f)
	if rd.waitFound {
		rd.arrived.Signal()
	}
	rd.queue = append(rd.queue, job{f, s})
	rd.queued.Signal()
	rd.mu.Unlock()
}

// next is the next file to read, in the order found; false once every
// file offered is read. The walk never waits for the workers: it finds
// every file while the first are read, so the merge, in path order, starts
// early and lets each file's entries go as it goes.
func (rd *reading) next() (job, bool) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	for len(rd.queue) == 0 {
		if rd.closed {
			return job{}, false
		}
		rd.queued.Wait()
	}
	j := rd.queue[0]
	rd.queue = rd.queue[1:]
	return j, true
}

// close says every file has been offered.
func (rd *reading) close() {
	rd.mu.Lock()
	rd.closed = true
	rd.queued.Broadcast()
	rd.mu.Unlock()
}

// finish waits for the workers and merges: files is every file found,
// sorted by path, and problems what the walk could not read.
func (rd *reading) finish(files []LogFile, problems []Problem) *Data {
	data := &Data{FilesSkipped: rd.skipped, Problems: problems}
	read := files // every file but those skipped by Since
	if !rd.opt.Since.IsZero() {
		read = make([]LogFile, 0, len(files))
		for _, f := range files {
			if !f.ModTime.Before(rd.opt.Since) {
				read = append(read, f)
			}
		}
	}
	ix := rd.opt.Index
	if ix == nil {
		// Each file is merged as soon as the files before it are, and let
		// go: the merge points at the copies that count, so a file whose
		// calls all counted already (a second copy of a history) is
		// garbage at once, and eight copies take the room of one.
		rd.close()
		var m *merger
		if rd.streamed != nil {
			st := <-rd.streamed
			if !sameOrder(read, rd.found) {
				// Not the order of paths after all: read again, merging
				// once the walk is over.
				rd.wg.Wait()
				return Read(rd.fsys, files, rd.opt)
			}
			// The merge gathered the files' counts as it went; the walk's
			// problems come first.
			m = st.m
			st.data.FilesSkipped, st.data.Problems = data.FilesSkipped, append(data.Problems, st.data.Problems...)
			data = st.data
		} else {
			m = rd.mergeInOrder(data, func(i int) (LogFile, bool) {
				if i < len(read) {
					return read[i], true
				}
				return LogFile{}, false
			})
		}
		rd.wg.Wait()
		data.LimitHits = sortedHits(data.LimitHits, rd.opt)
		mergeResult(data, m, rd.opt)
		return data
	}
	rd.stop()
	if ix.keep(files, rd.results) != nil {
		return rd.again(files, problems)
	}
	data.Files = make([]FileStats, 0, len(read))
	for _, f := range read {
		rd.gather(f, rd.results[f.Path], ix.files[f.Path], data)
	}
	data.LimitHits = sortedHits(data.LimitHits, rd.opt)
	switch {
	case rd.skipped == 0 && rd.persisted():
		if ix.dataFromIndex(data, files, rd.opt, rd.fsys, rd.prepared) != nil {
			return rd.again(files, problems)
		}
	case ix.load() != nil:
		return rd.again(files, problems)
	default:
		// Each file's entries as read now, or as the index has them.
		m := newMerger(0)
		for i, f := range read {
			if r := rd.results[f.Path]; r != nil {
				m.add(uint32(i), r.entries)
			} else {
				m.add(uint32(i), ix.files[f.Path].list())
			}
		}
		mergeResult(data, m, rd.opt)
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
	rd.close()
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
