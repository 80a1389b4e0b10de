package statusline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tierplan/tierplan/internal/userfile"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/statusline"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// The day's cost, for API-key users, comes from the logs of every session,
// not only this one. Finding the logs means listing every transcript, which
// on a history of a gigabyte (25,000 files) takes longer than a status
// line may; so the status line keeps the list of today's transcripts in
// its cache and, between full listings (at most every rescanEvery, and on
// a new day), looks only at those files, the session's own transcript and
// its subagents' directory. What each file held comes from the usage
// index (a small one of today's files), so only what was appended since
// the last run is read.

// rescanEvery is how long the list of today's transcripts is trusted: a
// session started since, which never ran this status line (claude -p, an
// editor's extension), counts from the next full listing.
const rescanEvery = 10 * time.Minute

// dayState is what the status line keeps between runs.
type dayState struct {
	Version int       `json:"version"`
	Day     string    `json:"day"`
	Roots   []string  `json:"roots"`
	Scanned time.Time `json:"scanned"`
	Files   []string  `json:"files"`
}

const dayStateVersion = 1

// dayCost is the list-price cost of every call logged today (in loc) and
// what the read noted, for --debug.
func dayCost(app *cmdutil.App, in statusline.Input, table *tiers.Table, now time.Time, loc *time.Location) (tiers.Money, []string, error) {
	var notes []string
	fsys := usage.OSFileSystem{}
	home := app.Env.Var("HOME")
	roots, err := usage.DefaultRoots(fsys, app.Env.Var, home)
	if err != nil {
		return 0, nil, err
	}
	lt := now.In(loc)
	dayStart := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	day := dayStart.Format("2006-01-02")
	cache := cmdutil.CacheDir(app)
	statePath := ""
	if cache != "" {
		statePath = filepath.Join(cache, "statusline-day.json")
	}
	st := loadDayState(statePath)
	full := st == nil || st.Day != day || strings.Join(st.Roots, "\x00") != strings.Join(roots, "\x00") ||
		now.Sub(st.Scanned) > rescanEvery || now.Before(st.Scanned)
	var paths []string
	if full {
		paths = roots
		st = &dayState{Version: dayStateVersion, Day: day, Roots: roots, Scanned: now}
		notes = append(notes, "listed every transcript")
	} else {
		paths = append(paths, st.Files...)
		paths = append(paths, sessionPaths(in)...)
	}
	paths = existing(paths)
	var files []usage.LogFile
	if len(paths) > 0 {
		found, problems, err := usage.FindFiles(fsys, paths)
		if err != nil {
			return 0, notes, err
		}
		for _, p := range problems {
			notes = append(notes, p.Path+": "+p.What)
		}
		for _, f := range found {
			if !f.ModTime.Before(dayStart) {
				files = append(files, f)
			}
		}
	}
	opt := usage.Options{Since: dayStart, Now: now}
	if cache != "" {
		ix, note := usage.OpenIndex(filepath.Join(cache, "statusline"), roots)
		if note != "" {
			notes = append(notes, note)
		}
		opt.Index = ix
	}
	data := usage.Read(fsys, files, opt)
	if opt.Index != nil {
		if err := opt.Index.Save(); err != nil {
			notes = append(notes, "cache not written: "+err.Error())
		}
	}
	st.Files = st.Files[:0]
	for _, f := range files {
		st.Files = append(st.Files, f.Path)
	}
	if err := saveDayState(statePath, st); err != nil {
		notes = append(notes, "state not written: "+err.Error())
	}
	sum := usage.SumOf(data.Entries(), table)
	notes = append(notes, fmt.Sprintf("%d transcripts of today read, %d calls today, %d tokens not priced", len(files), sum.Requests, sum.UnpricedTokens))
	return sum.CostUSD, notes, nil
}

// sessionPaths are this session's transcript and its subagents' directory,
// which may be newer than the list of today's files.
func sessionPaths(in statusline.Input) []string {
	p := in.TranscriptPath
	if p == "" || !strings.HasSuffix(p, ".jsonl") || !filepath.IsAbs(p) {
		return nil
	}
	return []string{p, filepath.Join(strings.TrimSuffix(p, ".jsonl"), "subagents")}
}

// existing keeps the paths that exist, once each.
func existing(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// loadDayState reads the kept state; nil when there is none or it cannot
// be used (it is rebuilt).
func loadDayState(path string) *dayState {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var st dayState
	if json.Unmarshal(b, &st) != nil || st.Version != dayStateVersion {
		return nil
	}
	return &st
}

// saveDayState replaces the kept state atomically.
func saveDayState(path string, st *dayState) error {
	if path == "" {
		return nil
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	err = userfile.WriteFile(path, b, userfile.Options{Perm: 0o600})
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}
