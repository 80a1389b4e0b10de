package windows

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/tierplan/tierplan/internal/userfile"

	"github.com/gofrs/flock"
)

// The history file stays small: when an append takes it past MaxBytes, the
// oldest readings are dropped until it holds at most KeepBytes (about
// 12,000 readings, a month or more of heavy use).
const (
	MaxBytes  = 1 << 20
	KeepBytes = 512 << 10
)

// maxBytes and keepBytes are MaxBytes and KeepBytes; tests lower them to
// make compaction happen often.
var maxBytes, keepBytes int64 = MaxBytes, KeepBytes

// header is the first line of a history file, for a person who opens it.
const header = "# tierplan window history v1: unix-time window percent-used reset-unix-time\n"

// tailBytes is how much of the file's end a run reads to find the last
// reading of each window: more than a few hundred lines.
const tailBytes = 16 << 10

// lockWait is how long a run waits for another process's append before it
// gives up recording this time; the status line must never hang.
const lockWait = 300 * time.Millisecond

// ErrBusy says another process held the history's lock for longer than a
// run waits; the readings were not recorded this time.
var ErrBusy = errors.New("history busy: another tierplan is writing it")

// Record appends to the history file at path the readings that say
// something new: a window's first reading, a reading of a new run of the
// window (another reset time), or a higher percentage in the same run. A
// lower percentage in the same run is an older reading passed on late (two
// sessions each report their own last response) and is not recorded. It
// returns how many readings were written.
//
// Appends are one write each, under an exclusive lock on path+".lock" shared
// by every process that records, so concurrent runs never interleave or lose
// each other's lines; a line cut short by a crash is skipped by readers and
// ended before the next append. The lock is released by the system when a
// process dies. When the file passes MaxBytes it is rewritten, atomically,
// with its newest readings only.
func Record(path string, readings []Reading) (int, error) {
	if len(readings) == 0 {
		return 0, nil
	}
	// Most runs change nothing: find that out without taking the lock.
	if tail, err := readTail(path); err == nil && len(fresh(lastByWindow(tail), readings)) == 0 {
		return 0, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, err
	}
	lock := flock.New(path + ".lock")
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	locked, err := lock.TryLockContext(ctx, 5*time.Millisecond)
	if !locked {
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return 0, err
		}
		return 0, ErrBusy
	}
	defer lock.Unlock()
	return appendLocked(path, readings)
}

// appendLocked is Record's work under the lock.
func appendLocked(path string, readings []Reading) (int, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	tail, err := tailOf(f, fi.Size())
	if err != nil {
		return 0, err
	}
	todo := fresh(lastByWindow(tail), readings)
	if len(todo) == 0 {
		return 0, nil
	}
	var b bytes.Buffer
	switch {
	case fi.Size() == 0:
		b.WriteString(header)
	case len(tail) > 0 && tail[len(tail)-1] != '\n':
		b.WriteByte('\n') // end a line a crash cut short
	}
	for _, r := range todo {
		b.WriteString(formatLine(r))
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		return 0, err
	}
	if fi.Size()+int64(b.Len()) > maxBytes {
		if err := compact(path); err != nil {
			return len(todo), fmt.Errorf("history %s not shortened: %w", path, err)
		}
	}
	return len(todo), nil
}

// fresh returns the readings that add to what last holds, one per window,
// in the order given.
func fresh(last map[string]Reading, readings []Reading) []Reading {
	var out []Reading
	for _, r := range readings {
		prev, ok := last[r.Window]
		switch {
		case !ok, !sameInstance(prev, r):
		case r.Used > prev.Used:
		default:
			continue
		}
		last[r.Window] = r
		out = append(out, r)
	}
	return out
}

// lastByWindow is the last reading of each window in a piece of the file.
func lastByWindow(b []byte) map[string]Reading {
	last := map[string]Reading{}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if r, ok := parseLine(string(line)); ok {
			last[r.Window] = r
		}
	}
	return last
}

// readTail is the end of the file at path; nil for a file not yet made.
func readTail(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return tailOf(f, fi.Size())
}

// tailOf reads the last tailBytes of f, from the start of a line where the
// cut falls mid-line (the cut-off part is dropped, never misread).
func tailOf(f *os.File, size int64) ([]byte, error) {
	from := max(size-tailBytes, 0)
	b := make([]byte, size-from)
	if _, err := f.ReadAt(b, from); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if from > 0 {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return b, nil
}

// Read returns every reading in the history file at path, sorted by time,
// and how many lines could not be read (a line cut short by a crash, a
// line edited by hand). A missing file is an empty history.
func Read(path string) (readings []Reading, bad int, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	readings, bad = parseAll(b)
	return readings, bad, nil
}

// parseAll reads the lines of a history, sorted by time (stable, so the
// order of appends breaks ties).
func parseAll(b []byte) ([]Reading, int) {
	var out []Reading
	bad := 0
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) == 0 || line[0] == '#' {
			continue
		}
		if r, ok := parseLine(string(line)); ok {
			out = append(out, r)
		} else {
			bad++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, bad
}

// compact rewrites the history with its newest readings only, at most
// KeepBytes, atomically (a reader sees the old file or the new one).
func compact(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	readings, _ := parseAll(b)
	size, from := len(header), len(readings)
	for from > 0 {
		n := len(formatLine(readings[from-1]))
		if int64(size+n) > keepBytes {
			break
		}
		size += n
		from--
	}
	var out bytes.Buffer
	out.WriteString(header)
	for _, r := range readings[from:] {
		out.WriteString(formatLine(r))
	}
	return userfile.WriteFile(path, out.Bytes(), userfile.Options{Perm: 0o600})
}

// Latest is the last reading of each window in the history at path (read
// from its end only, so it costs the same however long the history is);
// empty for a missing file.
func Latest(path string) (map[string]Reading, error) {
	tail, err := readTail(path)
	if err != nil {
		return nil, err
	}
	return lastByWindow(tail), nil
}
