package cmdutil

import (
	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/chart"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// ChartFlags are the chart flags of plan, cost, usage and simulate:
// --chart[=auto|always|never], --ascii and --chart-out FILE.
type ChartFlags struct {
	When  string
	ASCII bool
	Out   string
}

// The values of --chart.
const (
	ChartNever  = "never"
	ChartAuto   = "auto" // --chart alone: on a terminal only
	ChartAlways = "always"
)

// AddChartFlags adds the chart flags to fs.
func AddChartFlags(fs *pflag.FlagSet) *ChartFlags {
	c := &ChartFlags{}
	fs.StringVar(&c.When, "chart", ChartNever, "draw charts under the tables, `WHEN`: auto (--chart alone: on a terminal), always (a pipe, a file too) or never")
	fs.Lookup("chart").NoOptDefVal = ChartAuto
	fs.BoolVar(&c.ASCII, "ascii", false, "draw charts in plain ASCII rather than braille and block characters (also when TERM=dumb)")
	fs.StringVar(&c.Out, "chart-out", "", "also write the charts to `FILE` (.svg or .png)")
	return c
}

// Check refuses a --chart or --chart-out the flags cannot honour.
func (c *ChartFlags) Check() error {
	switch c.When {
	case ChartNever, ChartAuto, ChartAlways:
	default:
		return UsageErrorf("--chart %q: use --chart (on a terminal), --chart=always or --chart=never", c.When)
	}
	if c.Out != "" {
		if err := chart.CheckFile(c.Out); err != nil {
			return UsageErrorf("--chart-out %s", err)
		}
	}
	return nil
}

// Wanted says whether the run needs its charts at all: drawn under the
// tables or written to a file.
func (c *ChartFlags) Wanted(app *App) bool { return c.Draw(app) || c.Out != "" }

// Draw says whether charts go under the tables: --chart=always, or
// --chart on a terminal, and only in the text views (table, Markdown).
func (c *ChartFlags) Draw(app *App) bool {
	if app.Output != render.FormatTable && app.Output != render.FormatMarkdown {
		return false
	}
	return c.When == ChartAlways || c.When == ChartAuto && app.Env.StdoutIsTerminal
}

// Style is how charts are drawn for this run: the width of the terminal
// (or COLUMNS, or 80), ASCII with --ascii or TERM=dumb, colour only on a
// terminal and never with NO_COLOR.
func (c *ChartFlags) Style(app *App) chart.Style {
	dumb := app.Env.Var("TERM") == "dumb"
	return chart.Style{
		Width: app.ChartWidth(),
		ASCII: c.ASCII || dumb,
		Color: app.Env.StdoutIsTerminal && app.Env.Var("NO_COLOR") == "" && !dumb && app.Output == render.FormatTable,
	}
}

// Write adds the pictures under a report's text (in a fenced block in
// Markdown) when Draw says so.
func (c *ChartFlags) Write(app *App, p *render.Page, pics []chart.Picture) {
	if !c.Draw(app) {
		return
	}
	st := c.Style(app)
	for _, pic := range pics {
		text := pic.Text(st)
		if p.MD {
			text = "```text\n" + text + "```\n"
		}
		p.WriteString("\n")
		p.WriteDrawn(text)
	}
}

// WriteFile writes the pictures to --chart-out, when given.
func (c *ChartFlags) WriteFile(pics []chart.Picture) error {
	if c.Out == "" || len(pics) == 0 {
		return nil
	}
	return chart.WriteFile(c.Out, pics...)
}
