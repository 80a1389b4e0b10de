// Package diagnose is `tierplan diagnose`: an error from the Anthropic API
// (or the OpenAI or Gemini API), pasted in whatever form the user has it (a
// file, stdin, or --status and --header), explained: which limit a 429 hit,
// when work can resume, and what to do.
package diagnose

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	// The zone database inside the binary: pastes name zones (Claude
	// Code's "resets 6pm (Europe/Berlin)") and a machine may have none.
	_ "time/tzdata"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/diagnose"
	"github.com/tierplan/tierplan/planner/diagnose/paste"
	"github.com/tierplan/tierplan/planner/termsafe"
)

// Options are diagnose's command line.
type Options struct {
	App *cmdutil.App
	// Status is --status as typed, parsed when run, so a bad value gets one
	// line naming the flag; StatusSet records it given.
	Status    string
	StatusSet bool
	Headers   []string
	Now       string
	// TZ is the zone of reset times a paste gives without one.
	TZ string
	// Args is FILE or "-", or nothing.
	Args []string
}

// NewCmdDiagnose is the diagnose command; runF, when set, runs instead of
// diagnoseRun (tests check flag parsing with it).
func NewCmdDiagnose(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	o := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "diagnose [FILE|-]",
		Short: "Explain an API error: which limit a 429 hit, when work can resume, what to do",
		Long: `diagnose reads an error from the Anthropic API (or the OpenAI or Gemini API)
and says what it means: an API rate limit (which bucket ran dry: requests,
input or output tokens per minute, or a daily quota), a Claude plan's 5-hour or
weekly window (from the anthropic-ratelimit-unified-* headers, or Claude Code's
"You've hit your limit" line), the tier's monthly spend cap, a spend limit you
set, billing (no credit left, extra usage needed), an overload or a server-side
throttle (not your limit), or an error that is not a limit at all. It prints
when work can resume and what to do, and which tiers of the tier table the
headers' limits are consistent with.

The input is whatever you have: curl -i, -sD - or -v output, response headers
("name: value" or "Name = value" lines, a JSON object, a HAR export), an error
body alone or only its inner error object, Claude Code's "API Error: 429 {…}"
and "Request rejected (429) · …" lines (wrapped by the terminal or not), an
"Error: 429 {…}" line from a log, a Python or Node SDK's printed error, a Go
response dump, or any of these in a JSON-escaped string. Lines starting with
# and Markdown code fences before it are skipped. From FILE, from stdin (-, or
when stdin is not a terminal), or given with --status and --header. At most
8 MiB is read.

--status and --header describe a response on their own, or complete and
correct one piped on stdin: a header given replaces the piped one of that name,
a status given replaces the piped status, and a note says what was replaced.
With a FILE they are refused, as it is unclear which was meant.`,
		Example: `  curl -sS -i https://api.anthropic.com/v1/messages … > resp.txt; tierplan diagnose resp.txt
  pbpaste | tierplan diagnose -
  tierplan diagnose --status 429 --header 'retry-after: 27' \
      --header 'anthropic-ratelimit-input-tokens-remaining: 0'
  tierplan diagnose resp.txt -o json
  pbpaste | tierplan diagnose --tz Europe/Berlin   # Claude Code's "5-hour limit reached ∙ resets 2am"`,
		Args: cmdutil.ArgsUsage(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			o.StatusSet = c.Flags().Changed("status")
			o.Args = args
			if runF != nil {
				return runF(o)
			}
			return diagnoseRun(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Status, "status", "", "HTTP status `CODE`, 100-599 (replaces piped stdin's)")
	f.StringArrayVarP(&o.Headers, "header", "H", nil, "a response header, `'name: value'` (repeatable; replaces piped stdin's)")
	f.StringVar(&o.Now, "now", "", "the current `TIME` (RFC 3339; default: the clock): resets count from the response's date header, or from this when it has none")
	f.StringVar(&o.TZ, "tz", "", "time `ZONE` of reset times the paste gives without one, as Claude Code's \"resets 9pm\" (IANA name; default: local time)")
	return cmd
}

// diagnoseRun reads the response (with the flags' parts merged in) and
// writes its diagnosis.
func diagnoseRun(o *Options) error {
	app, args := o.App, o.Args
	now, err := parseNow(o.Now, app.Env.Clock())
	if err != nil {
		return err
	}
	status, err := parseStatusFlag(o.Status, o.StatusSet)
	if err != nil {
		return err
	}
	local := time.Local
	if o.TZ != "" {
		if local, err = time.LoadLocation(o.TZ); err != nil {
			return cmdutil.UsageErrorf("--tz %q: unknown time zone (use an IANA name such as Europe/Berlin, or UTC)", o.TZ)
		}
	}
	given, err := paste.FromHeaderLines(status, o.Headers)
	if err != nil {
		return cmdutil.UsageErrorf("%v", err)
	}
	fromFlags := o.StatusSet || len(o.Headers) > 0
	if fromFlags && len(args) == 1 && args[0] != "-" {
		return cmdutil.UsageErrorf("give a FILE or --status/--header, not both: the flags would replace parts of %s", termsafe.Escape(args[0]))
	}
	resp, source, err := readDiagnoseInput(app, args, fromFlags)
	if err != nil {
		return err
	}
	if fromFlags {
		resp = resp.Merge(given)
	}
	table, err := app.TableForAdvice()
	if err != nil {
		return err
	}
	opt := diagnose.Options{Now: now, Table: table, Local: local, LoadLocation: time.LoadLocation}
	report := diagnoseReport{SchemaVersion: cmdutil.DiagnosisSchema, Source: termsafe.Escape(source), Diagnosis: diagnose.Diagnose(resp, opt)}
	return app.Write(cmdutil.DiagnosisReport(report, report.Diagnosis))
}

// parseStatusFlag reads --status: an HTTP status code, 100-599. Zero is
// refused too, rather than read as "not given".
func parseStatusFlag(s string, set bool) (int, error) {
	if !set {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, cmdutil.UsageErrorf("--status %q: expected an HTTP status code such as 429", s)
	}
	if n < 100 || n > 599 {
		return 0, cmdutil.UsageErrorf("--status %d: an HTTP status code is 100-599", n)
	}
	return n, nil
}

// readDiagnoseInput reads FILE, or stdin for "-" or when stdin is not a
// terminal; with neither, the flags alone must carry the response. Piped
// stdin that turns out empty is fine when flags give the response.
func readDiagnoseInput(app *cmdutil.App, args []string, fromFlags bool) (paste.Response, string, error) {
	flagsOnly := paste.Response{Form: paste.FormFlags, Header: paste.Header{}}
	switch {
	case len(args) == 1 && args[0] != "-":
		name := termsafe.Escape(args[0])
		// Opened without waiting, so a named pipe nobody writes to reads
		// as empty instead of hanging; paste.Read caps what it reads.
		f, err := userfile.Open(args[0])
		if err != nil {
			return paste.Response{}, "", fmt.Errorf("%s: %v", name, cmdutil.PathErrorCause(err))
		}
		defer f.Close()
		resp, err := paste.Read(f)
		if st, serr := f.Stat(); errors.Is(err, paste.ErrEmpty) && serr == nil && st.Mode()&fs.ModeNamedPipe != 0 {
			return paste.Response{}, "", fmt.Errorf("%s: %v", name, userfile.ErrNothingWritten)
		}
		if err != nil {
			return paste.Response{}, "", fmt.Errorf("%s:%s", name, termsafe.Escape(prefixLine(err)))
		}
		return resp, args[0], nil
	case len(args) == 1 || (app.Env.Stdin != nil && !isTerminal(app.Env.Stdin)):
		if app.Env.Stdin == nil {
			return paste.Response{}, "", cmdutil.UsageErrorf("no standard input to read")
		}
		resp, err := paste.Read(app.Env.Stdin)
		switch {
		case errors.Is(err, paste.ErrEmpty) && fromFlags && len(args) == 0:
			return flagsOnly, "flags", nil
		case err != nil:
			return paste.Response{}, "", fmt.Errorf("stdin:%s", termsafe.Escape(prefixLine(err)))
		}
		return resp, "stdin", nil
	case fromFlags:
		return flagsOnly, "flags", nil
	}
	return paste.Response{}, "", cmdutil.UsageErrorf("nothing to diagnose: give a FILE, - for stdin, or --status and --header")
}

// prefixLine formats a parse error after "FILE:": "line 3: …" becomes
// "3: …" so the message reads FILE:3: …; others get a space.
func prefixLine(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ":"); ok && num != "" && strings.Trim(num, "0123456789") == "" {
			return num + ":" + tail
		}
	}
	return " " + msg
}

// isTerminal reports whether r is an interactive terminal, where waiting
// for input would only hang.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// parseNow reads --now, defaulting to the clock.
func parseNow(s string, clock time.Time) (time.Time, error) {
	if s == "" {
		return clock, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, cmdutil.UsageErrorf("--now %q: expected an RFC 3339 time such as 2026-04-14T10:00:00Z", s)
	}
	return t, nil
}

// diagnoseReport is the JSON contract of `tierplan diagnose`: the diagnosis
// fields at the top level (status, kind, limit, retry_after_s, advice, …).
type diagnoseReport struct {
	SchemaVersion int `json:"schema_version"`
	// Source is the file read, "stdin" or "flags".
	Source string `json:"source"`
	diagnose.Diagnosis
}
