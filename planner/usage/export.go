package usage

import (
	"fmt"
	"io"
	"time"

	"github.com/tierplan/tierplan/planner/usage/internal/binfmt"
	"github.com/tierplan/tierplan/planner/usage/internal/discover"
)

// An export is the distinct calls (and limit hits) of a read, in the
// index's compact encoding: times, session ids, project paths, model ids,
// token counts and hashed response ids, never a message's text. Read
// accepts one beside transcripts and deduplicates across them exactly, so
// the same call synced from two machines counts once, and an export read
// with the logs it came from changes nothing.

const (
	exportMagic   = "tierplan usage export\n"
	exportVersion = 1
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
