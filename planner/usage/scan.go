package usage

import (
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Options control a read.
type Options struct {
	// Since and Until bound the entries kept: Since ≤ time < Until; a zero
	// value leaves that side open. A file last modified before Since is not
	// opened at all: transcripts are append-only, so it holds nothing newer.
	Since, Until time.Time
	// Workers is how many files are parsed at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each file read, from one
	// goroutine.
	Progress func(Progress)
	// Index, when set, holds what earlier reads found: files it has whole
	// are not opened, files that grew are read from where it stopped, and
	// only what changed is merged. Read updates it; the caller saves it.
	// The result is the same as without.
	Index *Index
	// Now is when the read starts. With an Index, a file or directory
	// modified within two seconds before it is checked again next time (its
	// time may not show a change made in the same tick of the file
	// system's clock); zero checks every one again.
	Now time.Time
	// Report, when set, is the report the caller will build (BuildReport
	// with the same table and options). Read builds it, and with an Index
	// keeps what it needs, so the next read builds it from what changed.
	Report *ReportSpec
}

// ReportSpec is a report asked of Read: the table that prices it and how
// it is shaped.
type ReportSpec struct {
	Table   *tiers.Table
	Options ReportOptions
	// Await, when set, gives Table. A read calls it once, before it prices
	// anything: once its walk is over, or, when its index keeps a report,
	// on another goroutine while it walks (to fold that report there). So
	// a caller can start the read (the walk, a stat of every file, the
	// index's load: most of a warm read) while its tier table is still
	// being parsed. An error from it ends ReadPaths with that error.
	Await func() (*tiers.Table, error)
}

// ready is spec with its Table in place (nil for no spec).
func (spec *ReportSpec) ready() (*ReportSpec, error) {
	if spec == nil || spec.Await == nil {
		return spec, nil
	}
	t, err := spec.Await()
	if err != nil {
		return nil, err
	}
	return &ReportSpec{Table: t, Options: spec.Options}, nil
}

// Progress is how far a read has come. The walk finds files while the
// first are read, so the totals grow until AllFound says they are final.
type Progress struct {
	Files, FilesTotal int
	Bytes, BytesTotal int64
	AllFound          bool
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

	sorted  []*Entry        // the calls, sorted by time, within Since/Until
	load    func() []*Entry // from an index: sorted, decoded when first asked
	entries []Entry         // their copy, made when first asked
	copied  bool
	built   *builtReport // the report asked for in Options.Report
	// recent are the calls at or after recentFrom, when a kept report
	// held them (see EntriesFrom).
	recent     []Entry
	recentFrom time.Time
	hasRecent  bool
}

// EntriesFrom returns the calls at or after t, sorted by time (a part of
// Entries): from the recent calls a report kept in the index holds, when
// they reach back to t, without decoding the others; else a copy of those
// calls alone (the active block's calls are a few hundred of a history's
// tens of thousands, which Entries would copy whole).
func (d *Data) EntriesFrom(t time.Time) []Entry {
	from := func(list []Entry) []Entry {
		i := sort.Search(len(list), func(i int) bool { return !list[i].Time.Before(t) })
		return list[i:]
	}
	switch {
	case d.hasRecent && !t.Before(d.recentFrom):
		return from(d.recent)
	case d.copied:
		return from(d.entries)
	}
	calls := d.calls()
	i := sort.Search(len(calls), func(i int) bool { return !calls[i].Time.Before(t) })
	out := make([]Entry, len(calls)-i)
	for k, e := range calls[i:] {
		out[k] = *e
	}
	return out
}

// Entries returns the API calls, one per response, sidechain replays
// dropped, within Since/Until, sorted by time. Data read through an index
// decodes them from it when first asked: a read that only needs its report
// never does.
func (d *Data) Entries() []Entry {
	if !d.copied {
		calls := d.calls()
		d.entries = make([]Entry, len(calls))
		for i, e := range calls {
			d.entries[i] = *e
		}
		d.copied = true
	}
	return d.entries
}

// calls is Entries without copying them.
func (d *Data) calls() []*Entry {
	if d.load != nil {
		d.sorted, d.load = d.load(), nil
	}
	return d.sorted
}

// DataOf is Data holding the given calls (sorted by time) and limit hits
// and nothing else: for tests and callers that build calls themselves.
func DataOf(entries []Entry, hits []LimitHit) *Data {
	d := &Data{LimitHits: hits, entries: entries, copied: true}
	d.sorted = make([]*Entry, len(entries))
	for i := range entries {
		d.sorted[i] = &entries[i]
	}
	return d
}
