package discover

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Listings are the directory listings of earlier walks, kept by the caller
// (in the usage index) so that an unchanged directory is not listed again.
// They form a tree: a root's listing by its path, every other listing
// under the entry of its parent that leads to it. No path is kept: a walk
// builds the paths it needs as it descends, so eight copies of a history
// cost eight sets of listings, not eight sets of paths.
type Listings struct {
	roots map[string]*Listing
	// Now is when the walk starts. A listing is trusted only when its
	// directory had not changed for RacyWindow before it was taken: a
	// directory changed again within the file system's clock tick keeps
	// its time (git calls such entries racily clean). Zero trusts none.
	Now time.Time
	// Changed is set when the walk listed a directory again, met a new one
	// or left one out: the listings are worth saving.
	Changed bool
	// The walk under way: the roots it walked, one string for each
	// distinct listing (copies of a tree list the same names), and a
	// buffer to encode a listing in.
	next   map[string]*Listing
	intern map[string]string
	buf    []byte
	// done is signalled as the stats made ahead of the walk complete a
	// listing (prefetch, await).
	done *fetchDone
}

// fetchDone wakes a walk waiting in await as the workers of prefetch
// complete a listing's stats.
type fetchDone struct {
	mu   sync.Mutex
	cond sync.Cond
}

// Listing is what a walk found in one directory.
type Listing struct {
	ID      FileID
	ModTime int64 // Unix nanoseconds
	// Trusted: the directory had not changed for RacyWindow when listed.
	Trusted bool
	// Names holds the entries a walk looks at, in order (see names): one
	// string for a directory, however many sessions it has, shared by the
	// listings of directories that hold the same (hard-linked copies).
	Names string
	// kids are the listings of the directories the entries lead to, by
	// the entry's place, in that order.
	kids []kid
	// fetched are the entries stat-ed ahead of the walk, in order;
	// pending counts those whose stat is still to come (see await).
	fetched []fetched
	pending atomic.Int32
}

// kid is the listing of the directory that entry at of a listing leads to.
type kid struct {
	at int32
	ls *Listing
}

// Entry is a directory entry a walk looks at: a directory, a link or a
// *.jsonl file.
type Entry struct {
	Name      string
	Dir, Link bool
	// ID is the file an entry that is neither a directory nor a link was
	// found to be, when known: in a directory that has not changed, the
	// same name is the same file (replacing it, as removing or adding one,
	// changes the directory), so a second name of a file already found
	// need not be looked at again.
	ID FileID
}

// The kinds of entry in Names: each entry is its kind byte, its name and a
// NUL (which no name holds), and for a file with an identity, its inode as
// a varint ('i': on the directory's device) or its device and inode
// ('e': on another, a file mounted over the name).
const (
	kindDir      = 'd'
	kindLink     = 'l'
	kindFile     = 'f'
	kindInode    = 'i'
	kindElsewise = 'e'
)

// Entries decodes the listing's entries; their names share Names.
func (ls *Listing) Entries() []Entry { return ls.appendEntries(nil) }

// appendEntries appends the listing's entries to out.
func (ls *Listing) appendEntries(out []Entry) []Entry {
	ls.each(func(_ int, e Entry) { out = append(out, e) })
	return out
}

// countEntries is how many entries the listing and those under it hold
// (each ends with a NUL, which no name holds; a damaged listing's count
// is only a guess, as each reads it).
func (ls *Listing) countEntries() int {
	n := strings.Count(ls.Names, "\x00")
	for _, k := range ls.kids {
		n += k.ls.countEntries()
	}
	return n
}

// each calls f with each entry and its place, in order; a listing this
// package did not write (a damaged index) ends where it stops making
// sense.
func (ls *Listing) each(f func(int, Entry)) {
	for i, rest := 0, ls.Names; len(rest) > 1; i++ {
		end := strings.IndexByte(rest, 0)
		if end < 1 {
			return
		}
		e := Entry{Name: rest[1:end], Dir: rest[0] == kindDir, Link: rest[0] == kindLink}
		kind := rest[0]
		rest = rest[end+1:]
		switch kind {
		case kindInode:
			e.ID.Dev = ls.ID.Dev
			e.ID.Ino, rest = uvarint(rest)
		case kindElsewise:
			e.ID.Dev, rest = uvarint(rest)
			e.ID.Ino, rest = uvarint(rest)
		}
		f(i, e)
	}
}

// uvarint reads a varint from the front of s; a broken one reads as 0
// and ends s.
func uvarint(s string) (uint64, string) {
	var buf [binary.MaxVarintLen64]byte
	n := copy(buf[:], s)
	v, k := binary.Uvarint(buf[:n])
	if k <= 0 {
		return 0, ""
	}
	return v, s[k:]
}

// names encodes entries as Listing.Names, for a directory on device dev.
func names(entries []Entry, dev uint64) string { return string(appendNames(nil, entries, dev)) }

// appendNames appends the encoding of entries as Listing.Names to b.
func appendNames(b []byte, entries []Entry, dev uint64) []byte {
	for _, e := range entries {
		kind := byte(kindFile)
		switch {
		case e.Link:
			kind = kindLink
		case e.Dir:
			kind = kindDir
		case e.ID == FileID{}:
		case e.ID.Dev == dev:
			kind = kindInode
		default:
			kind = kindElsewise
		}
		b = append(append(append(b, kind), e.Name...), 0)
		switch kind {
		case kindInode:
			b = binary.AppendUvarint(b, e.ID.Ino)
		case kindElsewise:
			b = binary.AppendUvarint(binary.AppendUvarint(b, e.ID.Dev), e.ID.Ino)
		}
	}
	return b
}

// RacyWindow is how long before a listing (or a file's read) its
// modification time must lie for the time to be trusted; 2 s covers the
// coarsest clocks (FAT).
const RacyWindow = 2 * time.Second

// Trusted reports whether a modification time lies far enough before now.
func Trusted(modTime int64, now time.Time) bool {
	return !now.IsZero() && modTime < now.Add(-RacyWindow).UnixNano()
}

// validFor reports whether a listing still says what its directory, as
// stat-ed now, holds: the same directory, unchanged since a trusted
// listing.
func (ls *Listing) validFor(fi info) bool {
	return ls != nil && ls.Trusted && fi.hasID && ls.ID == fi.id && ls.ModTime == fi.modNano()
}

// kid is the listing of the directory entry at leads to, if any.
func (ls *Listing) kid(at int) *Listing {
	if ls == nil {
		return nil
	}
	k, ok := slices.BinarySearchFunc(ls.kids, int32(at), func(k kid, at int32) int { return cmp.Compare(k.at, at) })
	if !ok {
		return nil
	}
	return ls.kids[k].ls
}

// kidsByName are the listings under a listing by the names of their
// entries, for a directory listed again (its entries moved).
func (ls *Listing) kidsByName() map[string]*Listing {
	if ls == nil || len(ls.kids) == 0 {
		return nil
	}
	out := make(map[string]*Listing, len(ls.kids))
	ls.each(func(i int, e Entry) {
		if l := ls.kid(i); l != nil {
			out[e.Name] = l
		}
	})
	return out
}

// begin starts a walk.
func (l *Listings) begin() {
	l.next, l.intern = map[string]*Listing{}, map[string]string{}
}

// root is the earlier listing of a root directory.
func (l *Listings) root(path string) *Listing {
	if l == nil {
		return nil
	}
	return l.roots[path]
}

// keepRoot keeps the listing of a root the walk went through.
func (l *Listings) keepRoot(path string, ls *Listing) {
	if l != nil && ls != nil {
		l.next[path] = ls
	}
}

// end makes the walk's listings the ones kept: those of directories it
// did not reach are dropped.
func (l *Listings) end() {
	if len(l.next) != len(l.roots) {
		l.Changed = true
	}
	for p, ls := range l.next {
		if l.roots[p] != ls {
			l.Changed = true
		}
	}
	l.roots, l.next, l.intern, l.buf = l.next, nil, nil, nil
}

// fresh is the listing of a directory listed now, with the files its
// entries were found to be; nil when the directory has no identity to
// recognise it by.
func (l *Listings) fresh(fi info, entries []Entry) *Listing {
	if !fi.hasID {
		return nil
	}
	mt := fi.modNano()
	ls := &Listing{ID: fi.id, ModTime: mt, Trusted: Trusted(mt, l.Now)}
	l.buf = appendNames(l.buf[:0], entries, fi.id.Dev)
	var ok bool
	if ls.Names, ok = l.intern[string(l.buf)]; !ok {
		ls.Names = string(l.buf)
		l.intern[ls.Names] = ls.Names
	}
	return ls
}

// settle gives ls, the listing kept for a directory whose earlier listing
// was old, the listings found under it, and notes a change.
func (l *Listings) settle(ls, old *Listing, kids []kid) {
	slices.SortFunc(kids, func(a, b kid) int { return cmp.Compare(a.at, b.at) })
	switch {
	case old == nil, ls != old && (ls.ID != old.ID || ls.ModTime != old.ModTime || ls.Trusted != old.Trusted || ls.Names != old.Names):
		l.Changed = true
	case !slices.EqualFunc(kids, old.kids, func(a, b kid) bool { return a.at == b.at }):
		l.Changed = true
	}
	ls.kids, ls.fetched = kids, nil
}
