// Package probe is `tierplan probe`: one minimal Messages API request (or
// one every --watch interval) to read the live rate-limit headers, shown as
// the diagnosis `tierplan diagnose` would give, and optionally logged.
package probe

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/planner/probe"
)

// minWatch is the shortest --watch interval: every poll spends a real
// request against the same limits it reads.
const minWatch = 30 * time.Second

// Options are probe's command line.
type Options struct {
	App     *cmdutil.App
	BaseURL string
	Model   string
	Timeout time.Duration
	Watch   time.Duration
	LogPath string
}

// NewCmdProbe is the probe command; runF, when set, runs instead of probeRun
// (tests check flag parsing with it).
func NewCmdProbe(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	o := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "probe",
		Short: "Read your live rate limits with one minimal API request",
		Long: `probe sends one Messages API request with max_tokens 1 (a fraction of a cent),
using the key in ANTHROPIC_API_KEY, and prints the anthropic-ratelimit-*
headers of the answer as a table, with the diagnosis diagnose would give.

--watch repeats it (never more often than every 30s, since each poll spends a
request) until Ctrl-C; --log appends every reading to a JSON Lines file. The
key is sent only in the x-api-key header and is never printed or logged.

Exit status: 0 when the API answered 2xx, 1 otherwise (a limit, a refused
key, no answer), so scripts can test it.`,
		Example: `  tierplan probe
  tierplan probe --model claude-haiku-4-5 -o json
  tierplan probe --watch 60s --log limits.jsonl`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(o)
			}
			return probeRun(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.BaseURL, "base-url", probe.DefaultBaseURL, "API base `URL` (a gateway, or a local server in tests)")
	f.StringVar(&o.Model, "model", probe.DefaultModel, "model `ID` to probe (limits are per model pool)")
	f.DurationVar(&o.Timeout, "timeout", 30*time.Second, "give up on an answer after this `DURATION`")
	f.DurationVar(&o.Watch, "watch", 0, "poll every `DURATION` (at least 30s) until Ctrl-C")
	f.StringVar(&o.LogPath, "log", "", "append each reading as one JSON line to `FILE`")
	return cmd
}

// probeRun checks the flags and the key, then takes one reading, or one
// every --watch interval until Ctrl-C.
func probeRun(o *Options) error {
	app := o.App
	if err := probe.CheckBaseURL(o.BaseURL); err != nil {
		return cmdutil.UsageErrorf("--base-url: %v", err)
	}
	if o.Timeout <= 0 {
		return cmdutil.UsageErrorf("--timeout %s: must be positive", o.Timeout)
	}
	if o.Watch != 0 && o.Watch < minWatch {
		return cmdutil.BriefUsageErrorf("--watch %s: polls must be at least %s apart, since each one spends a request", o.Watch, minWatch)
	}
	key := app.Env.Var("ANTHROPIC_API_KEY")
	if key == "" {
		return errors.New("ANTHROPIC_API_KEY is not set: probe needs an API key to send its one request")
	}
	table, err := app.TableForAdvice()
	if err != nil {
		return err
	}
	var log *readingLog
	if o.LogPath != "" {
		if log, err = openReadingLog(o.LogPath); err != nil {
			return err
		}
		defer log.Close()
	}
	client := app.Env.HTTP
	if client == nil {
		client = &http.Client{}
	}
	p := &prober{app: app, client: client, table: table, log: log,
		req: probe.Request{BaseURL: o.BaseURL, APIKey: key, Model: o.Model, Timeout: o.Timeout}}
	if o.Watch == 0 {
		return p.once(context.Background())
	}
	return p.watch(o.Watch)
}
