package usage

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
	"github.com/tierplan/tierplan/planner/usage/internal/transcript"
)

// Calls and limit hits in the compact encoding the index and exports
// share (internal/binfmt): times as seconds since the previous call and
// nanoseconds, strings by number, response ids as their two hashes, never
// a message's text. An export of version 1 is read as it always was.

// encodeEntries writes a list of entries.
func encodeEntries(e *binfmt.Encoder, list []Entry) {
	e.Uint(uint64(len(list)))
	var prev int64
	for i := range list {
		prev = encodeEntry(e, &list[i], prev)
	}
}

// encodeEntry writes one entry, its time in seconds after prev; it
// returns the entry's seconds, the next one's prev.
func encodeEntry(e *binfmt.Encoder, x *Entry, prev int64) int64 {
	sec := x.Time.Unix()
	e.Int(sec - prev)
	e.Uint(uint64(x.Time.Nanosecond()))
	flags := uint64(0)
	if x.id.hasMsg {
		flags |= 1
	}
	if x.Sidechain {
		flags |= 2
	}
	if x.Subagent {
		flags |= 4
	}
	e.Uint(flags)
	if x.id.hasMsg {
		e.U64(x.id.msg)
		e.U64(x.id.req)
	}
	e.Str(x.SessionID)
	e.Str(x.Project)
	e.Str(x.Model)
	t := x.Tokens
	for _, n := range [...]int64{t.Input, t.Output, t.CacheWrite5m, t.CacheWrite1h, t.CacheRead, x.WebSearches} {
		e.Uint(uint64(n))
	}
	return sec
}

// maxCount is what one token field may hold, as a line may.
const maxCount = transcript.MaxTokenCount

// decodeEntries reads what encodeEntries wrote; nil on corrupt input.
func decodeEntries(d *binfmt.Decoder) []Entry {
	n := d.Count()
	list := make([]Entry, n)
	var prev int64
	for i := range list {
		prev = decodeEntry(d, &list[i], prev)
		if d.Err != nil {
			return nil
		}
	}
	return list
}

// decodeEntry reads what encodeEntry wrote into x.
func decodeEntry(d *binfmt.Decoder, x *Entry, prev int64) int64 {
	sec := prev + d.Int()
	nsec := d.Uint()
	if nsec >= 1e9 || sec > transcript.MaxLogUnix || sec < -transcript.MaxLogUnix { // no line can carry it: a corrupt file
		d.Fail()
	}
	x.Time = unixUTC(sec, int64(nsec))
	flags := d.Uint()
	if flags > 7 {
		d.Fail()
	}
	if flags&1 != 0 {
		x.id = responseID{msg: d.U64(), req: d.U64(), hasMsg: true}
	}
	x.Sidechain, x.Subagent = flags&2 != 0, flags&4 != 0
	x.SessionID, x.Project, x.Model = d.Str(), d.Str(), d.Str()
	for _, p := range [...]*int64{&x.Tokens.Input, &x.Tokens.Output, &x.Tokens.CacheWrite5m, &x.Tokens.CacheWrite1h, &x.Tokens.CacheRead, &x.WebSearches} {
		v := d.Uint()
		if v > maxCount {
			d.Fail()
		}
		*p = int64(v)
	}
	return sec
}

func encodeHits(e *binfmt.Encoder, list []LimitHit) {
	e.Uint(uint64(len(list)))
	for _, h := range list {
		e.Time(h.Time)
		e.Str(h.SessionID)
		e.Str(h.Project)
		e.Str(h.Kind)
		e.Time(h.ResetAt)
		e.Str(h.Message)
	}
}

func decodeHits(d *binfmt.Decoder) []LimitHit {
	n := d.Count()
	if n == 0 {
		return nil
	}
	list := make([]LimitHit, 0, n)
	for i := 0; i < n && d.Err == nil; i++ {
		list = append(list, LimitHit{Time: logTime(d), SessionID: d.Str(), Project: d.Str(), Kind: d.Str(), ResetAt: logTime(d), Message: d.Str()})
	}
	return list
}

// logTime reads a time and fails the decoder on one no line can carry
// (past transcript.MaxLogUnix either way): a corrupt file.
func logTime(d *binfmt.Decoder) time.Time {
	t := d.Time()
	if sec := t.Unix(); !t.IsZero() && (sec > transcript.MaxLogUnix || sec < -transcript.MaxLogUnix) {
		d.Fail()
	}
	return t
}

// An export is the distinct calls (and limit hits) of a read, in the
// index's compact encoding: times, session ids, project paths, model ids,
// token counts and hashed response ids, never a message's text. Read
// accepts one beside transcripts and deduplicates across them exactly, so
// the same call synced from two machines counts once, and an export read
// with the logs it came from changes nothing.

const (
	exportMagic = "tierplan usage export\n"
	// exportVersion 2 promises no time past transcript.MaxLogUnix; version
	// 1 is the same encoding without that promise, and is read too, since
	// every decoded time is checked anyway.
	exportVersion   = 2
	exportVersionV1 = 1
)

// WriteExport writes data's calls and limit hits to w.
func WriteExport(w io.Writer, data *Data) error {
	e := binfmt.NewEncoder()
	encodeEntries(e, data.Entries())
	encodeHits(e, data.LimitHits)
	return binfmt.WriteFrame(w, exportMagic, exportVersion, e)
}

// maxExportBytes bounds what an export may take in memory: 1 GiB holds
// some 25 million calls.
const maxExportBytes = 1 << 30

// readExportFile reads an export into res.
func readExportFile(r io.Reader, f LogFile, res *fileResult, now time.Time) *fileResult {
	b, err := io.ReadAll(io.LimitReader(r, maxExportBytes+1))
	if err == nil && len(b) > maxExportBytes {
		err = fmt.Errorf("an export larger than %d MiB", maxExportBytes>>20)
	}
	if err != nil {
		res.stats.Err = errText(err)
		return res
	}
	res.bytes = int64(len(b))
	d, err := binfmt.Unframe(exportMagic, exportVersion, b)
	if errors.Is(err, binfmt.ErrVersion) {
		d, err = binfmt.Unframe(exportMagic, exportVersionV1, b)
	}
	if err == nil {
		res.entries, res.hits = decodeEntries(d), decodeHits(d)
		err = d.Done()
	}
	if err != nil {
		res.entries, res.hits = nil, nil
		res.stats.Err = "not a readable tierplan export: " + err.Error()
		return res
	}
	mt := f.ModTime.UnixNano()
	res.next = &fileState{path: f.Path, id: f.ID(), size: max(f.Size, res.bytes), modTime: mt, trusted: discover.Trusted(mt, now),
		offset: res.bytes, stats: res.stats, entries: res.entries, hits: res.hits}
	return res
}

// A report row as a kept report holds it (see foldcodec.go).

func encodeAcc(e *binfmt.Encoder, a *acc) {
	s := &a.sum
	for _, n := range [...]int64{s.Requests, s.LongContextRequests, s.SubagentRequests, s.WebSearchRequests} {
		e.Uint(uint64(n))
	}
	e.Uint(uint64(len(a.bill)))
	for _, mb := range a.bill {
		e.Bool(mb.used)
		encodeTokens(e, mb.std)
		encodeTokens(e, mb.long)
	}
	e.Time(a.first)
	e.Time(a.last)
}

func decodeAcc(d *binfmt.Decoder, a *acc, models int) {
	s := &a.sum
	for _, p := range [...]*int64{&s.Requests, &s.LongContextRequests, &s.SubagentRequests, &s.WebSearchRequests} {
		*p = count(d)
	}
	n := d.Count()
	if n > models {
		d.Fail()
		return
	}
	a.bill = make(bill, n)
	for i := range a.bill {
		a.bill[i] = modelBill{used: d.Bool(), std: decodeTokens(d), long: decodeTokens(d)}
	}
	a.first, a.last = logTime(d), logTime(d)
}

func encodeTokens(e *binfmt.Encoder, t Tokens) {
	for _, n := range [...]int64{t.Input, t.Output, t.CacheWrite5m, t.CacheWrite1h, t.CacheRead} {
		e.Uint(uint64(n))
	}
}

func decodeTokens(d *binfmt.Decoder) Tokens {
	return Tokens{Input: count(d), Output: count(d), CacheWrite5m: count(d), CacheWrite1h: count(d), CacheRead: count(d)}
}

// count reads a sum, which never passes the largest int64.
func count(d *binfmt.Decoder) int64 {
	v := d.Uint()
	if v > math.MaxInt64 {
		d.Fail()
		return 0
	}
	return int64(v)
}
