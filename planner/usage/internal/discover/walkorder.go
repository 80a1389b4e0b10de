package discover

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
)

// pathOrder puts order (places in entries) in the order to visit a
// directory's entries in so that the files are found in the order of
// their paths: a directory's name sorts as if it ended in a separator, so
// "s.jsonl" comes before "s/…" ('.' sorts before '/'), as their paths do.
// A walk from one root then finds files already sorted, and reading can
// merge them as they come. isDir says which entries lead to directories.
func pathOrder(order []int, entries []Entry, isDir func(i int) bool) []int {
	order = order[:0]
	for i := range entries {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return pathCompare(entries[a].Name, isDir(a), entries[b].Name, isDir(b))
	})
	return order
}

// pathCompare compares two names of one directory as their paths sort,
// without building the paths: past their common length, the next byte of
// each decides, a directory's name going on with a separator (which no
// name holds).
func pathCompare(a string, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nextByte(a, n, aDir), nextByte(b, n, bDir))
}

// nextByte is the byte of name at i, a directory's name followed by a
// separator; -1 past its end.
func nextByte(name string, i int, dir bool) int {
	switch {
	case i < len(name):
		return int(name[i])
	case i == len(name) && dir:
		return int(filepath.Separator)
	}
	return -1
}

// walkBuf is what a walk of one directory works in, kept by depth and
// used again for the next directory at that depth: a walk of ten
// thousand directories allocates no slices for their entries.
type walkBuf struct {
	entries []Entry
	results []statResult
	order   []int
	todo    []int
	kids    []*Listing
}

// bufs hands out a walkBuf per depth.
type bufs []*walkBuf

func (b *bufs) at(depth int) *walkBuf {
	for len(*b) <= depth {
		*b = append(*b, &walkBuf{})
	}
	return (*b)[depth]
}
