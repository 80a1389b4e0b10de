// Package statusline is `tierplan statusline`, the command Claude Code's
// statusLine setting runs after every assistant message: it reads the
// session's JSON on stdin and prints one or two short lines (model, context
// left before auto-compaction, session cost; for subscribers the official
// 5-hour and weekly windows with their pace, for API-key users the day's
// cost), and records the windows' percentages in the history that
// `usage --windows` measures allowances from. Whatever the input, it exits
// 0 and prints a line: it must never break Claude Code's screen.
package statusline

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/statusline"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/planner/windows"
	"github.com/tierplan/tierplan/tiers"
)

// Options are statusline's command line.
type Options struct {
	App   *cmdutil.App
	Width int
	// Color is auto (on a terminal only), always or never; NO_COLOR wins.
	Color string
	TZ    string
	Debug bool
	// History is the window history file; "" is the default in the state
	// directory. NoHistory records nothing.
	History   string
	NoHistory bool
	// NoDayCost skips reading the logs for an API-key user's day.
	NoDayCost bool
	// Headers is a file of recorded response headers (`probe --log`).
	Headers string
	// Proxy is the team proxy's base URL, asked for its last rate-limit
	// reading; "" asks nothing (never guessed from ANTHROPIC_BASE_URL).
	Proxy string
}

var colorModes = []string{"auto", "always", "never"}

// NewCmdStatusline is the statusline command; runF, when set, runs instead
// of statuslineRun (tests check flag parsing with it).
func NewCmdStatusline(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "statusline",
		Short: "Claude Code's status line: context, cost, and the official 5-hour and weekly windows with pace",
		Long: `statusline is the command for Claude Code's statusLine setting:

  "statusLine": {"type": "command", "command": "tierplan statusline --color always"}

It reads the JSON Claude Code writes on stdin and prints two short lines:
the model, the context used and what is left before auto-compaction, and the
session's cost; then, for subscribers, the official 5-hour and weekly
windows (used, share of the window's time gone, when the pace would run
out before the reset), or, for API-key users, today's cost over all
sessions from the logs and, with --headers FILE (a 'tierplan probe --log'
file) or --proxy URL (the team proxy, 'tierplan proxy'), the per-minute
bucket with the least left.

Behind the team proxy, --proxy "$ANTHROPIC_BASE_URL" is the usual value:
the proxy is asked with your proxy token (ANTHROPIC_AUTH_TOKEN, else
ANTHROPIC_API_KEY) and at most 300 ms is waited. Without --proxy nothing is
asked.

Each run records the windows' percentages when they change in a small
history ($XDG_STATE_HOME/tierplan/windows.log), from which
'tierplan usage --windows' measures what one percent of each window holds.

Bad or empty input prints a short line and exits 0; --debug says why on
stderr.`,
		Example: `  tierplan statusline < input.json
  tierplan statusline --width 100 --color always --tz Europe/Berlin
  tierplan statusline --color always --proxy "$ANTHROPIC_BASE_URL"`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statuslineRun(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Width, "width", 80, "the most columns (`N`) a line may take")
	f.StringVar(&opts.Color, "color", "auto", "`WHEN` to colour: auto (on a terminal only), always (Claude Code shows it), never; NO_COLOR turns it off")
	f.StringVarP(&opts.TZ, "tz", "z", "", "time `ZONE` of the times shown (IANA name; default: local time)")
	f.BoolVar(&opts.Debug, "debug", false, "say on stderr what was read, left out or could not be done")
	f.StringVar(&opts.History, "history", "", "window history `FILE` (default: $XDG_STATE_HOME/tierplan/windows.log)")
	f.BoolVar(&opts.NoHistory, "no-history", false, "record nothing")
	f.BoolVar(&opts.NoDayCost, "no-day-cost", false, "do not read the logs for an API-key user's cost of the day")
	f.StringVar(&opts.Headers, "headers", "", "a `FILE` of recorded rate-limit readings (`tierplan probe --log`): the tightest per-minute bucket's headroom")
	f.StringVar(&opts.Proxy, "proxy", "", "the team proxy's `URL` (usually \"$ANTHROPIC_BASE_URL\"): its last reading of the per-minute buckets, asked with your proxy token within 300 ms")
	_ = cmd.RegisterFlagCompletionFunc("color", cmdutil.FixedCompletion(colorModes))
	return cmd
}

// run is one status-line run: what it read and what it says.
type run struct {
	opts  *Options
	app   *cmdutil.App
	now   time.Time
	loc   *time.Location
	debug func(format string, a ...any)
}

func statuslineRun(opts *Options) error {
	if opts.Width < 20 {
		return cmdutil.UsageErrorf("--width %d: a status line needs at least 20 columns", opts.Width)
	}
	if !slices.Contains(colorModes, opts.Color) {
		return cmdutil.UsageErrorf("--color %q: valid values are %s", opts.Color, strings.Join(colorModes, ", "))
	}
	loc := time.Local
	if opts.TZ != "" {
		l, err := time.LoadLocation(opts.TZ)
		if err != nil {
			return cmdutil.UsageErrorf("--tz %q: unknown time zone (use an IANA name such as Europe/Berlin, or UTC)", opts.TZ)
		}
		loc = l
	}
	app := opts.App
	r := &run{opts: opts, app: app, now: app.Env.Clock(), loc: loc, debug: func(string, ...any) {}}
	if opts.Debug {
		r.debug = func(format string, a ...any) {
			// Notes name the input's own keys and values: escaped.
			fmt.Fprintf(app.Env.Stderr, "tierplan: statusline: %s\n", termsafe.Escape(fmt.Sprintf(format, a...)))
		}
	}
	lines := r.lines()
	_, err := fmt.Fprint(app.Env.Stdout, strings.Join(lines, "\n")+"\n")
	if err != nil {
		r.debug("stdout: %v", err)
	}
	return nil // whatever happened, Claude Code's screen gets a line
}

// fallback is the line printed when there is nothing to show.
const fallback = "tierplan: no status (--debug says why)"

// lines reads the input and renders the status; it never fails.
func (r *run) lines() []string {
	b, err := readStdin(r.app.Env.Stdin)
	if err != nil {
		r.debug("%v", err)
		return []string{fallback}
	}
	in, notes, err := statusline.Parse(b)
	if err != nil {
		r.debug("stdin: %v", err)
		return []string{fallback}
	}
	// The proxy answers while the logs are read.
	proxied := r.startProxyFetch()
	for _, n := range notes {
		r.debug("left out: %s", n)
	}
	v := view{status: statusline.Compute(in, r.now), now: r.now, loc: r.loc}
	subscriber := r.record(in)
	if len(v.status.Windows) == 0 {
		v.seen = r.seenWindows()
		subscriber = subscriber || len(v.seen) > 0
	}
	if !subscriber && !r.opts.NoDayCost {
		v.dayCost = r.dayCost(in)
	}
	v.headroom = newer(r.headroom(), r.proxyHeadroom(proxied, in))
	colour := r.colour()
	var out []string
	for _, segs := range [][]segment{v.firstLine(), v.secondLine()} {
		if len(segs) > 0 {
			out = append(out, line(fit(segs, r.opts.Width), r.opts.Width, colour))
		}
	}
	if len(out) == 0 {
		r.debug("the input had nothing to show (no model, context, cost or window)")
		return []string{fallback}
	}
	return out
}

// historyPath is the window history in effect; "" records nothing.
func (r *run) historyPath() string {
	if r.opts.NoHistory {
		return ""
	}
	if r.opts.History != "" {
		return r.opts.History
	}
	return cmdutil.WindowHistoryPath(r.app)
}

// record keeps the input's window readings in the history, and reports
// whether the input had any (the user is a subscriber).
func (r *run) record(in statusline.Input) bool {
	var readings []windows.Reading
	for _, w := range in.Windows {
		if w.UsedPercentage == nil {
			continue
		}
		if rd, ok := windows.NewReading(r.now, w.Name, *w.UsedPercentage, w.ResetsAt); ok {
			readings = append(readings, rd)
		}
	}
	path := r.historyPath()
	if len(readings) == 0 || path == "" {
		return len(readings) > 0
	}
	n, err := windows.Record(path, readings)
	if err != nil {
		r.debug("history %s: %v", path, err)
	} else {
		r.debug("history %s: %d new readings", path, n)
	}
	return true
}

// seenWindows are the history's last readings of windows that have not
// reset yet: a subscriber's new session shows them until its first
// response brings fresh ones.
func (r *run) seenWindows() []seenWindow {
	path := r.historyPath()
	if path == "" {
		return nil
	}
	latest, err := windows.Latest(path)
	if err != nil {
		r.debug("history %s: %v", path, err)
		return nil
	}
	var in statusline.Input
	at := map[string]time.Time{}
	for name, rd := range latest {
		if rd.ResetsAt.After(r.now) && !rd.At.After(r.now) {
			used := rd.Used
			in.Windows = append(in.Windows, statusline.WindowInput{Name: name, UsedPercentage: &used, ResetsAt: rd.ResetsAt})
			at[name] = rd.At
		}
	}
	slices.SortFunc(in.Windows, func(a, b statusline.WindowInput) int { return strings.Compare(a.Name, b.Name) })
	var out []seenWindow
	for _, w := range statusline.Compute(in, r.now).Windows {
		out = append(out, seenWindow{Window: w, at: at[w.Name]})
	}
	return out
}

// dayCost is today's cost over all sessions, or nil when the logs cannot
// tell (no logs, no table).
func (r *run) dayCost(in statusline.Input) *tiers.Money {
	table, err := r.app.Table()
	if err != nil {
		r.debug("tier table: %v", err)
		return nil
	}
	cost, notes, err := dayCost(r.app, in, table, r.now, r.loc)
	for _, n := range notes {
		r.debug("day: %s", n)
	}
	if err != nil {
		r.debug("day: %v", err)
		return nil
	}
	return &cost
}

// colour reports whether to colour: never with NO_COLOR, always or never
// as --color says, else only when stdout is a terminal.
func (r *run) colour() bool {
	if r.app.Env.Var("NO_COLOR") != "" {
		return false
	}
	switch r.opts.Color {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := r.app.Env.Stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
