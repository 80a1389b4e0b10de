package discover

import (
	"io"
	"sort"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
)

// The listings as the usage index keeps them: the tree in depth-first
// order, roots by path, each other listing by its parent's number and the
// place of the entry that leads to it, and each distinct Names string
// once (a later listing that holds the same names refers to it by
// number). Eight hard-linked copies of a history write their names once,
// and no path but the roots'.
//
//	count
//	per listing: parent (0 for a root, else its number from 1)
//	             root path | entry place (increasing among a parent's)
//	             device, inode, time, trusted
//	             names: 0 and the string, or the number of one written before

// flushAt is how much of the encoding is held before it is written out.
const flushAt = 32 << 10

// Encode writes the listings to w a part at a time, in an order that does
// not depend on the map's.
func (l *Listings) Encode(w io.Writer) error {
	roots := make([]string, 0, len(l.roots))
	for p := range l.roots {
		roots = append(roots, p)
	}
	sort.Strings(roots)
	var count func(ls *Listing) int
	count = func(ls *Listing) int {
		n := 1
		for _, k := range ls.kids {
			n += count(k.ls)
		}
		return n
	}
	total := 0
	for _, p := range roots {
		total += count(l.roots[p])
	}
	e := &binfmt.Encoder{Buf: make([]byte, 0, flushAt+4096)}
	e.Uint(uint64(total))
	names := map[string]uint64{}
	written := 0
	var err error
	var write func(ls *Listing, parent int, at int32, root string)
	write = func(ls *Listing, parent int, at int32, root string) {
		written++
		self := written
		e.Uint(uint64(parent))
		if parent == 0 {
			e.RawString(root)
		} else {
			e.Uint(uint64(at))
		}
		e.Uint(ls.ID.Dev)
		e.Uint(ls.ID.Ino)
		e.Int(ls.ModTime)
		e.Bool(ls.Trusted)
		if n, ok := names[ls.Names]; ok {
			e.Uint(n)
		} else {
			names[ls.Names] = uint64(len(names) + 1)
			e.Uint(0)
			e.RawString(ls.Names)
		}
		if len(e.Buf) >= flushAt && err == nil {
			_, err = w.Write(e.Buf)
			e.Buf = e.Buf[:0]
		}
		for _, k := range ls.kids {
			write(k.ls, self, k.at, "")
		}
	}
	for _, p := range roots {
		write(l.roots[p], 0, 0, p)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(e.Buf)
	return err
}

// Decode reads what Encode wrote into l. Whatever the bytes, it never
// panics; on an error l holds no listing.
func (l *Listings) Decode(b []byte) error {
	d := &binfmt.Decoder{Buf: b}
	n := d.Count()
	all := make([]Listing, n) // one allocation for every listing
	depth := make([]uint8, n) // no deeper than a walk goes
	var names []string
	roots := map[string]*Listing{}
	for i := 0; i < n && d.Err == nil; i++ {
		ls := &all[i]
		parent := d.Uint()
		switch {
		case parent == 0:
			p := d.RawString()
			if p == "" || roots[p] != nil {
				d.Fail()
			}
			roots[p] = ls
		case parent > uint64(i):
			d.Fail()
		default:
			up := &all[parent-1]
			at := d.Uint()
			if at > 1<<31-1 || len(up.kids) > 0 && int64(up.kids[len(up.kids)-1].at) >= int64(at) || depth[parent-1] > maxWalkDepth {
				d.Fail()
			}
			depth[i] = depth[parent-1] + 1
			up.kids = append(up.kids, kid{at: int32(at), ls: ls})
		}
		ls.ID = FileID{Dev: d.Uint(), Ino: d.Uint()}
		ls.ModTime, ls.Trusted = d.Int(), d.Bool()
		switch ref := d.Uint(); {
		case ref == 0:
			ls.Names = d.RawString()
			names = append(names, ls.Names)
		case ref <= uint64(len(names)):
			ls.Names = names[ref-1]
		default:
			d.Fail()
		}
	}
	if err := d.Done(); err != nil {
		l.roots = nil
		return err
	}
	l.roots = roots
	return nil
}
