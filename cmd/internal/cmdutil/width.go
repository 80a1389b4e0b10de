package cmdutil

import (
	"strconv"
	"strings"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// The width of text output. A terminal gets tables that fit it: COLUMNS
// when set, else the terminal's own width, else 80. Output to a file or a
// pipe keeps every column, as scripts and `| less` want, unless COLUMNS is
// set, which the user can do to fit a pipe too (COLUMNS=100 tierplan plan …
// | less). --wide turns fitting off everywhere.

// DefaultWidth is the width of a terminal whose width cannot be told.
const DefaultWidth = 80

// Width is the columns text output must fit, 0 for no limit.
func (a *App) Width() int {
	if a.Wide {
		return 0
	}
	if n := a.columns(); n > 0 {
		return n
	}
	if a.Env.StdoutIsTerminal {
		return a.terminalWidth()
	}
	return 0
}

// ChartWidth is the columns a terminal chart takes: the width text fits,
// or with --wide or in a pipe that of the terminal, or 80.
func (a *App) ChartWidth() int {
	if n := a.columns(); n > 0 {
		return n
	}
	if a.Env.StdoutIsTerminal {
		return a.terminalWidth()
	}
	return DefaultWidth
}

func (a *App) terminalWidth() int {
	if a.Env.TerminalWidth > 0 {
		return a.Env.TerminalWidth
	}
	return DefaultWidth
}

// columns is $COLUMNS when it is a positive number, else 0.
func (a *App) columns() int {
	n, err := strconv.Atoi(strings.TrimSpace(a.Env.Var("COLUMNS")))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// Page is an empty page for a command that writes its text view itself:
// Markdown when -o markdown (never cut), else as wide as Width.
func (a *App) Page() *render.Page {
	if a.Output == render.FormatMarkdown {
		return &render.Page{MD: true}
	}
	return &render.Page{Width: a.Width()}
}
