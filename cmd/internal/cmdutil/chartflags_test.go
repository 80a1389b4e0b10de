package cmdutil

import (
	"testing"

	"github.com/spf13/pflag"

	"github.com/tierplan/tierplan/cmd/internal/render"
)

// The chart flags as typed, and what they decide on a terminal, in a pipe,
// with NO_COLOR and TERM=dumb.
func TestChartFlags(t *testing.T) {
	parse := func(args ...string) (*ChartFlags, error) {
		fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
		c := AddChartFlags(fs)
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		return c, c.Check()
	}
	for _, tt := range []struct {
		args     []string
		terminal bool
		env      map[string]string
		output   render.Format
		draw     bool
		style    string // ascii/color as "ac", "a-", "-c", "--"
		width    int
	}{
		{args: nil, terminal: true, draw: false, style: "-c", width: 80},
		{args: []string{"--chart"}, terminal: true, draw: true, style: "-c", width: 80},
		{args: []string{"--chart"}, terminal: false, draw: false, style: "--", width: 80},
		{args: []string{"--chart=always"}, terminal: false, draw: true, style: "--", width: 80},
		{args: []string{"--chart=always"}, terminal: false, env: map[string]string{"COLUMNS": "120"}, draw: true, style: "--", width: 120},
		{args: []string{"--chart", "--ascii"}, terminal: true, draw: true, style: "ac", width: 80},
		{args: []string{"--chart"}, terminal: true, env: map[string]string{"NO_COLOR": "1"}, draw: true, style: "--", width: 80},
		{args: []string{"--chart"}, terminal: true, env: map[string]string{"TERM": "dumb"}, draw: true, style: "a-", width: 80},
		{args: []string{"--chart=always"}, terminal: true, output: render.FormatJSON, draw: false, style: "--", width: 80},
		{args: []string{"--chart=always"}, terminal: true, output: render.FormatMarkdown, draw: true, style: "--", width: 80},
	} {
		c, err := parse(tt.args...)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		app := NewApp(Env{StdoutIsTerminal: tt.terminal, Getenv: func(k string) string { return tt.env[k] }})
		if tt.output != "" {
			app.Output = tt.output
		}
		st := c.Style(app)
		style := map[bool]string{true: "a", false: "-"}[st.ASCII] + map[bool]string{true: "c", false: "-"}[st.Color]
		if c.Draw(app) != tt.draw || style != tt.style || st.Width != tt.width {
			t.Errorf("%v terminal=%t env=%v -o %s: draw %t style %s width %d, want %t %s %d", tt.args, tt.terminal, tt.env, app.Output,
				c.Draw(app), style, st.Width, tt.draw, tt.style, tt.width)
		}
	}
	for _, bad := range [][]string{{"--chart=sometimes"}, {"--chart-out", "x.jpg"}, {"--chart-out", "chart"}} {
		if _, err := parse(bad...); err == nil || !IsUsage(err) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}

// Text fits a terminal, COLUMNS, or nothing in a pipe; --wide lifts it.
func TestWidth(t *testing.T) {
	for _, tt := range []struct {
		terminal bool
		termW    int
		columns  string
		wide     bool
		want     int
	}{
		{terminal: true, termW: 132, want: 132},
		{terminal: true, want: 80},
		{terminal: true, termW: 132, columns: "100", want: 100},
		{terminal: false, want: 0},
		{terminal: false, columns: "90", want: 90},
		{terminal: false, columns: "junk", want: 0},
		{terminal: false, columns: "-5", want: 0},
		{terminal: true, termW: 132, wide: true, want: 0},
	} {
		app := NewApp(Env{StdoutIsTerminal: tt.terminal, TerminalWidth: tt.termW, Getenv: func(k string) string {
			if k == "COLUMNS" {
				return tt.columns
			}
			return ""
		}})
		app.Wide = tt.wide
		if got := app.Width(); got != tt.want {
			t.Errorf("%+v: width %d, want %d", tt, got, tt.want)
		}
	}
}
