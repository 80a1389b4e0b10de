package discover

import (
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Listings are the directory listings of earlier walks, kept by the caller
// (in the usage index) so that an unchanged directory is not listed again.
type Listings struct {
	Dirs map[string]*Listing
	// Now is when the walk starts. A listing is trusted only when its
	// directory had not changed for RacyWindow before it was taken: a
	// directory changed again within the file system's clock tick keeps
	// its time (git calls such entries racily clean). Zero trusts none.
	Now time.Time
	// Changed is set when the walk listed a directory again, met a new one
	// or left one out: the listings are worth saving.
	Changed bool
	walked  map[string]bool
}

// Listing is what a walk found in one directory.
type Listing struct {
	ID      FileID
	ModTime int64 // Unix nanoseconds
	// Trusted: the directory had not changed for RacyWindow when listed.
	Trusted bool
	// Names holds the entries a walk looks at, in order, each as a kind
	// byte ('d' a directory, 'l' a link, 'f' a file), the name and a NUL
	// (which no name holds): one string for a directory, however many
	// sessions it has.
	Names string
}

// Entries decodes the listing's entries; their names share Names.
func (ls *Listing) Entries() []Entry {
	var out []Entry
	for rest := ls.Names; len(rest) > 1; {
		end := strings.IndexByte(rest, 0)
		if end < 1 {
			break // not a listing this package wrote
		}
		out = append(out, Entry{Name: rest[1:end], Dir: rest[0] == 'd', Link: rest[0] == 'l'})
		rest = rest[end+1:]
	}
	return out
}

// names encodes entries as Listing.Names.
func names(entries []Entry) string {
	var b strings.Builder
	n := 0
	for _, e := range entries {
		n += len(e.Name) + 2
	}
	b.Grow(n)
	for _, e := range entries {
		kind := byte('f')
		switch {
		case e.Link:
			kind = 'l'
		case e.Dir:
			kind = 'd'
		}
		b.WriteByte(kind)
		b.WriteString(e.Name)
		b.WriteByte(0)
	}
	return b.String()
}

// Entry is a directory entry a walk looks at: a directory, a link or a
// *.jsonl file.
type Entry struct {
	Name      string
	Dir, Link bool
}

// RacyWindow is how long before a listing (or a file's read) its
// modification time must lie for the time to be trusted; 2 s covers the
// coarsest clocks (FAT).
const RacyWindow = 2 * time.Second

// Trusted reports whether a modification time lies far enough before now.
func Trusted(modTime int64, now time.Time) bool {
	return !now.IsZero() && modTime < now.Add(-RacyWindow).UnixNano()
}

// lookup returns dir's listing when its directory is unchanged.
func (l *Listings) lookup(dir string, fi fs.FileInfo) ([]Entry, bool) {
	l.walked[dir] = true
	ls := l.Dirs[dir]
	if ls == nil || !ls.Trusted || ls.ModTime != fi.ModTime().UnixNano() {
		return nil, false
	}
	if id, ok := identityOf(fi); !ok || id != ls.ID {
		return nil, false
	}
	return ls.Entries(), true
}

// record keeps a fresh listing of dir.
func (l *Listings) record(dir string, fi fs.FileInfo, entries []Entry) {
	id, ok := identityOf(fi)
	if !ok {
		return // nothing to recognise the directory by
	}
	if l.Dirs == nil {
		l.Dirs = map[string]*Listing{}
	}
	mt := fi.ModTime().UnixNano()
	ls := &Listing{ID: id, ModTime: mt, Trusted: Trusted(mt, l.Now), Names: names(entries)}
	if o := l.Dirs[dir]; o == nil || *o != *ls {
		l.Dirs[dir] = ls
		l.Changed = true
	}
}

// forgetUnwalked drops the listings of directories the walk did not reach.
func (l *Listings) forgetUnwalked() {
	for dir := range l.Dirs {
		if !l.walked[dir] {
			delete(l.Dirs, dir)
			l.Changed = true
		}
	}
	l.walked = nil
}

type statResult struct {
	fi  fs.FileInfo
	err error
}

// prefetch stats every path the listings name, on all CPUs: a walk of an
// unchanged tree then waits on no system call but the few it makes for
// what is new. The answers are those a stat during the walk would give, a
// few milliseconds earlier.
func (l *Listings) prefetch(fsys FileSystem) map[string]statResult {
	var paths []string
	for dir, ls := range l.Dirs {
		for _, e := range ls.Entries() {
			paths = append(paths, join(dir, e.Name))
		}
	}
	results := make([]statResult, len(paths))
	parallel(len(paths), func(i int) {
		fi, err := fsys.Stat(paths[i])
		results[i] = statResult{fi, err}
	})
	out := make(map[string]statResult, len(paths))
	for i, p := range paths {
		out[p] = results[i]
	}
	return out
}

// statAll stats the entries of dir: from what was stat-ed up front, else
// on all CPUs when there are many (a projects directory holds thousands of
// sessions). The answers come back in order, so what follows does not
// depend on timing.
func (fd *finder) statAll(dir string, entries []Entry) ([]fs.FileInfo, []error) {
	infos, errs := make([]fs.FileInfo, len(entries)), make([]error, len(entries))
	var todo []int
	for i, e := range entries {
		p := join(dir, e.Name)
		if r, ok := fd.stats[p]; ok {
			infos[i], errs[i] = r.fi, r.err
			delete(fd.stats, p)
			continue
		}
		todo = append(todo, i)
	}
	stat := func(k int) {
		i := todo[k]
		infos[i], errs[i] = fd.fsys.Stat(join(dir, entries[i].Name))
	}
	if len(todo) < 64 {
		for k := range todo {
			stat(k)
		}
		return infos, errs
	}
	parallel(len(todo), stat)
	return infos, errs
}

// parallel calls f(0) … f(n-1) on one goroutine per CPU.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(from int) {
			defer wg.Done()
			for i := from; i < n; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}
