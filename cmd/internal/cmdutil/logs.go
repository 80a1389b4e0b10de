package cmdutil

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // --tz and limit messages name IANA zones; work where the system has no zoneinfo

	"github.com/tierplan/tierplan/planner/usage"
)

// Reading Claude Code's logs, shared by `usage` and `plan --from-logs`: which
// days to read in which time zone (LogWindow), and where the transcripts are
// and how they are read (ReadLogs).

// LogWindow is the validated time frame of a log read.
type LogWindow struct {
	Loc          *time.Location
	Since, Until time.Time // instants; zero = open
}

// ParseLogWindow reads --since, --until (days, YYYY-MM-DD or YYYYMMDD) and
// --tz (an IANA zone; "" is local time) into a window. Until is through the
// end of its day.
func ParseLogWindow(since, until, tz string) (LogWindow, error) {
	w := LogWindow{Loc: time.Local}
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return w, UsageErrorf("--tz %q: unknown time zone (use an IANA name such as Europe/Berlin, or UTC)", tz)
		}
		w.Loc = loc
	}
	var err error
	if w.Since, err = ParseDay("--since", since, w.Loc); err != nil {
		return w, err
	}
	if w.Until, err = ParseDay("--until", until, w.Loc); err != nil {
		return w, err
	}
	if !w.Until.IsZero() {
		w.Until = w.Until.AddDate(0, 0, 1) // through the end of that day
	}
	if !w.Since.IsZero() && !w.Until.IsZero() && !w.Since.Before(w.Until) {
		return w, UsageErrorf("--since %s is after --until %s", since, until)
	}
	return w, nil
}

// ParseDay reads YYYY-MM-DD or YYYYMMDD as the start of that day in loc; ""
// is the zero time. flag names the flag in the error.
func ParseDay(flag, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "20060102"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, UsageErrorf("%s %q: want a date as YYYY-MM-DD or YYYYMMDD", flag, s)
}

// ReadLogs finds the transcripts (the given paths, or Claude Code's own
// directories) and reads those of the window, with progress on a terminal,
// through the cache of earlier reads. Files that could not be read are in
// the data's Problems.
func ReadLogs(app *App, paths []string, w LogWindow) (*usage.Data, error) {
	return ReadLogsCached(app, paths, w, LogCache{})
}

// ReadLogsCached is ReadLogs with the cache as the command line says. The
// walk of the directories and the parsing of the files overlap.
func ReadLogsCached(app *App, paths []string, w LogWindow, cache LogCache) (*usage.Data, error) {
	fsys := usage.OSFileSystem{}
	roots, err := logRoots(app, fsys, paths)
	if err != nil {
		return nil, err
	}
	opt := usage.Options{Since: w.Since, Until: w.Until, Now: app.Env.Clock(), Report: cache.Report}
	var prog *progress
	if app.Env.StderrIsTerminal {
		prog = newProgress(app.Env.Stderr)
	}
	mem := newMemoryCap(app.Env)
	opt.Progress = func(pr usage.Progress) {
		mem.update()
		if prog != nil {
			prog.update(pr)
		}
	}
	opt.Index = openLogIndex(app, cache, paths)
	data, err := usage.ReadPaths(fsys, roots, opt)
	if prog != nil {
		prog.done()
	}
	if err != nil {
		return nil, err
	}
	if len(data.Files) == 0 && data.FilesSkipped == 0 && len(data.Problems) == 0 {
		return nil, noTranscripts(roots)
	}
	saveLogIndex(app, cache, opt.Index)
	return data, nil
}

// logRoots is the paths given, or Claude Code's own directories when
// there are none.
func logRoots(app *App, fsys usage.FileSystem, paths []string) ([]string, error) {
	if len(paths) > 0 {
		return paths, nil
	}
	home := app.Env.Var("HOME")
	if home == "" && app.Env.Var(usage.ConfigDirEnv) == "" {
		return nil, errors.New("no home directory ($HOME is not set): give a PATH, or set " + usage.ConfigDirEnv)
	}
	return usage.DefaultRoots(fsys, app.Env.Var, home)
}

func noTranscripts(paths []string) error {
	return fmt.Errorf("no Claude Code transcripts (*.jsonl) in %s", strings.Join(paths, ", "))
}

// FindLogs lists the transcripts of the given paths, or of Claude Code's
// own directories when there are none; paths that could not be read are
// problems, and finding nothing at all is an error.
func FindLogs(app *App, fsys usage.FileSystem, paths []string) ([]usage.LogFile, []usage.Problem, error) {
	roots, err := logRoots(app, fsys, paths)
	if err != nil {
		return nil, nil, err
	}
	files, problems, err := usage.FindFiles(fsys, roots)
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 && len(problems) == 0 {
		return nil, nil, noTranscripts(roots)
	}
	return files, problems, nil
}
