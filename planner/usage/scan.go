package usage

import (
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
