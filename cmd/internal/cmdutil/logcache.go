package cmdutil

import (
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/tierplan/tierplan/planner/usage"
)

// LogCache says how a log read uses the index of earlier reads, which lets
// it open only the files that changed since.
type LogCache struct {
	Off     bool // --no-cache: read every file, keep nothing
	Verbose bool // say on stderr what the cache did (rebuilt, not written)
	// Report is the report the command builds from the read (the same
	// table and options it then gives usage.BuildReport): built during
	// the read, and kept in the cache so the next run builds it from what
	// changed since.
	Report *usage.ReportSpec
}

// CacheDir is where tierplan keeps what it may lose: $XDG_CACHE_HOME/tierplan,
// else the platform's cache directory (~/.cache/tierplan on Linux); "" (no
// cache) in an environment with neither variable nor a home.
func CacheDir(app *App) string {
	if d := app.Env.Var("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tierplan")
	}
	if app.Env.Var("HOME") == "" && app.Env.Var("LOCALAPPDATA") == "" {
		return ""
	}
	return filepath.Join(xdg.CacheHome, "tierplan")
}

// openLogIndex loads the index of the roots, or returns nil when the cache
// is off. A cache that cannot be used is rebuilt; only Verbose says so.
func openLogIndex(app *App, c LogCache, roots []string) *usage.Index {
	dir := CacheDir(app)
	if c.Off || dir == "" {
		return nil
	}
	ix, note := usage.OpenIndex(dir, roots)
	if note != "" && c.Verbose {
		Notef(app.Env, "%s", note)
	}
	return ix
}

// saveLogIndex writes the index back when the read changed it. A cache that
// cannot be written costs speed, not results: only Verbose says so.
func saveLogIndex(app *App, c LogCache, ix *usage.Index) {
	if ix == nil {
		return
	}
	if err := ix.Save(); err != nil && c.Verbose {
		Notef(app.Env, "cache %s not written: %v", ix.Path(), err)
	}
}
