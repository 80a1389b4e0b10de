package discover

import (
	"io/fs"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// info is what a walk keeps of a stat: the few fields it reads. The
// os package's FileInfo holds a copy of the name and the system's whole
// record besides, several times as much, and a walk that looks up tens of
// thousands of paths up front holds an answer for each.
type info struct {
	sec   int64 // the modification time, Unix seconds
	size  int64
	id    FileID
	nsec  int32 // and nanoseconds
	mode  fs.FileMode
	hasID bool
}

func infoOf(fi fs.FileInfo) info {
	id, ok := identityOf(fi)
	mt := fi.ModTime()
	return info{sec: mt.Unix(), nsec: int32(mt.Nanosecond()), size: fi.Size(), mode: fi.Mode(), id: id, hasID: ok}
}

func (i info) modTime() time.Time { return time.Unix(i.sec, int64(i.nsec)) }

// modNano is the modification time in Unix nanoseconds.
func (i info) modNano() int64 { return i.modTime().UnixNano() }

func (i info) isDir() bool { return i.mode.IsDir() }

// statResult is the answer of a stat; alias marks an entry not looked at,
// a second name of a file the walk has found already.
type statResult struct {
	info
	err   error
	alias bool
}

// fetched is an entry of a listing stat-ed before the walk.
type fetched struct {
	at int32
	statResult
}

// prefetch stats, on all CPUs, every entry of the listings a walk may
// need, so a walk of an unchanged tree waits on no system call but the
// few it makes for what is new. Of the names of one file (hard links, a
// copy of a tree made with cp -al) only the first in walk order is
// looked up: in an unchanged directory the others are known to be that
// file, already found. The answers are those a stat during the walk
// would give, a few milliseconds earlier.
//
// The stats run while the walk goes on: they are made in the order the
// walk takes the listings (a directory's entries before those of the
// directories in it), and the walk waits for a listing's answers only
// when it comes to it before they are in (await). prefetch returns how
// many of the entries are not directories (about what the walk will find,
// to make room for) and a function that waits for every stat to be done.
func (l *Listings) prefetch(fsys FileSystem) (files int, wait func()) {
	type job struct {
		ls        *Listing
		dir, name string
		slot      int
	}
	// span is a listing's jobs, found after those of the listings below
	// it, to be made in walk order.
	type span struct{ lo, hi int }
	var order []span
	entries := 0
	for _, ls := range l.roots {
		entries += ls.countEntries()
	}
	jobs := make([]job, 0, entries)
	claimed := make(map[FileID]bool, entries)
	var depths bufs
	var visit func(dir string, ls *Listing, depth int)
	visit = func(dir string, ls *Listing, depth int) {
		own := len(order) // a place in walk order, filled once the listings below are
		order = append(order, span{})
		b := depths.at(depth)
		b.entries = ls.appendEntries(b.entries[:0])
		b.kids = slices.Grow(b.kids[:0], len(b.entries))[:len(b.entries)]
		clear(b.kids)
		for _, k := range ls.kids {
			if int(k.at) < len(b.entries) {
				b.kids[k.at] = k.ls
			}
		}
		kids, entries := b.kids, b.entries
		b.order = pathOrder(b.order, entries, func(i int) bool { return entries[i].Dir || kids[i] != nil })
		picked := b.todo[:0]
		for _, i := range b.order {
			e := entries[i]
			if kids[i] != nil {
				visit(join(dir, e.Name), kids[i], depth+1)
			}
			if e.ID != (FileID{}) {
				if claimed[e.ID] {
					continue
				}
				claimed[e.ID] = true
			}
			picked = append(picked, i)
		}
		b.todo = picked
		slices.Sort(picked) // the answers in the order of the entries, for the walk to take in turn
		ls.fetched = make([]fetched, len(picked))
		ls.pending.Store(int32(len(picked)))
		lo := len(jobs)
		for k, i := range picked {
			ls.fetched[k].at = int32(i)
			jobs = append(jobs, job{ls, dir, entries[i].Name, k})
			if !entries[i].Dir {
				files++
			}
		}
		order[own] = span{lo, len(jobs)}
	}
	roots := make([]string, 0, len(l.roots))
	for p := range l.roots {
		roots = append(roots, p)
	}
	sort.Strings(roots)
	for _, p := range roots {
		visit(p, l.roots[p], 0)
	}
	inWalkOrder := make([]job, 0, len(jobs))
	for _, s := range order {
		inWalkOrder = append(inWalkOrder, jobs[s.lo:s.hi]...)
	}
	jobs = inWalkOrder
	done := &fetchDone{}
	done.cond.L = &done.mu
	l.done = done
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := workers(len(jobs)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var path []byte
			for {
				k := int(next.Add(1) - 1)
				if k >= len(jobs) {
					return
				}
				j := jobs[k]
				r := &j.ls.fetched[j.slot].statResult
				r.info, r.err = statIn(fsys, j.dir, j.name, &path)
				if j.ls.pending.Add(-1) == 0 {
					done.mu.Lock()
					done.cond.Broadcast()
					done.mu.Unlock()
				}
			}
		}()
	}
	return files, wg.Wait
}

// await waits for the answers prefetch is getting for ls.
func (l *Listings) await(ls *Listing) {
	if ls.pending.Load() == 0 {
		return
	}
	d := l.done
	d.mu.Lock()
	for ls.pending.Load() > 0 {
		d.cond.Wait()
	}
	d.mu.Unlock()
}

// statAll stats the entries of dir: from what was stat-ed up front for
// reused, the directory's listing used as it is, else on all CPUs when
// there are many (a projects directory holds thousands of sessions). In a
// listing used as it is, an entry known to be a file the walk has found
// already is not looked at. The answers come back in order, so what
// follows does not depend on timing.
func (fd *finder) statAll(dir string, b *walkBuf, reused *Listing) []statResult {
	entries := b.entries
	results := slices.Grow(b.results[:0], len(entries))[:len(entries)]
	clear(results)
	var pre []fetched
	if reused != nil {
		fd.opt.Listings.await(reused)
		pre = reused.fetched
	}
	todo := b.todo[:0]
	for i, e := range entries {
		for len(pre) > 0 && int(pre[0].at) < i {
			pre = pre[1:]
		}
		switch {
		case len(pre) > 0 && int(pre[0].at) == i:
			results[i] = pre[0].statResult
		case reused != nil && e.ID != (FileID{}) && fd.seenFile[e.ID]:
			results[i].alias = true
		default:
			todo = append(todo, i)
		}
	}
	b.results, b.todo = results, todo
	if len(fd.paths) == 0 {
		fd.paths = make([][]byte, workers(64))
	}
	one := func(w, k int) {
		i := todo[k]
		results[i].info, results[i].err = statIn(fd.fsys, dir, entries[i].Name, &fd.paths[w])
	}
	if len(todo) < 64 {
		for k := range todo {
			one(0, k)
		}
		return results
	}
	parallel(len(todo), one)
	return results
}

// statIn stats the entry name of dir as a walk keeps it. The real file
// system is asked with the path built in buf, which is used again, so a
// walk allocates no path for what it only looks at.
func statIn(fsys FileSystem, dir, name string, buf *[]byte) (info, error) {
	if _, ok := fsys.(OSFileSystem); ok {
		*buf = appendJoin((*buf)[:0], dir, name)
		return statOS(unsafe.String(unsafe.SliceData(*buf), len(*buf)))
	}
	fi, err := fsys.Stat(join(dir, name))
	if err != nil {
		return info{}, err
	}
	return infoOf(fi), nil
}

// workers is how many goroutines parallel starts for n calls.
func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// parallel calls f(w, 0) … f(w, n-1) on one goroutine per CPU, w the
// goroutine's number (below workers(n)).
func parallel(n int, f func(w, i int)) {
	k := workers(n)
	var wg sync.WaitGroup
	for w := 0; w < k; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += k {
				f(w, i)
			}
		}(w)
	}
	wg.Wait()
}
