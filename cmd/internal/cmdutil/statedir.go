package cmdutil

import (
	"path/filepath"

	"github.com/adrg/xdg"
)

// StateDir is where tierplan keeps what it must not lose but the user did
// not write: $XDG_STATE_HOME/tierplan, else ~/.local/state/tierplan (the
// platform's state directory elsewhere); "" in an environment with neither
// variable nor a home. The home is the run's own ($HOME), so tests and the
// README's examples never write the user's.
func StateDir(app *App) string {
	if d := app.Env.Var("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tierplan")
	}
	home := app.Env.Var("HOME")
	if home == "" {
		if app.Env.Var("LOCALAPPDATA") == "" {
			return ""
		}
		return filepath.Join(xdg.StateHome, "tierplan")
	}
	return filepath.Join(home, ".local", "state", "tierplan")
}

// WindowHistoryPath is the history of the official 5-hour and weekly
// percentages the status line records and usage --windows reads; "" when
// there is no state directory.
func WindowHistoryPath(app *App) string {
	dir := StateDir(app)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "windows.log")
}
