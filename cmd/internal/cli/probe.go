package cli

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/planner/probe"
)

// minWatch is the shortest --watch interval: every poll spends a real
// request against the same limits it reads.
const minWatch = 30 * time.Second

// probeOptions are the flags of `tierplan probe`.
type probeOptions struct {
	baseURL string
	model   string
	timeout time.Duration
	watch   time.Duration
	logPath string
}

func newProbeCmd(app *App) *cobra.Command {
	var o probeOptions
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
		Args: argsUsage(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runProbe(app, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.baseURL, "base-url", probe.DefaultBaseURL, "API base `URL` (a gateway, or a local server in tests)")
	f.StringVar(&o.model, "model", probe.DefaultModel, "model `ID` to probe (limits are per model pool)")
	f.DurationVar(&o.timeout, "timeout", 30*time.Second, "give up on an answer after this `DURATION`")
	f.DurationVar(&o.watch, "watch", 0, "poll every `DURATION` (at least 30s) until Ctrl-C")
	f.StringVar(&o.logPath, "log", "", "append each reading as one JSON line to `FILE`")
	return cmd
}

func runProbe(app *App, o probeOptions) error {
	if err := probe.CheckBaseURL(o.baseURL); err != nil {
		return usageErrorf("--base-url: %v", err)
	}
	if o.timeout <= 0 {
		return usageErrorf("--timeout %s: must be positive", o.timeout)
	}
	if o.watch != 0 && o.watch < minWatch {
		return usageErrorf("--watch %s: polls must be at least %s apart, since each one spends a request", o.watch, minWatch)
	}
	key := app.env.getenv("ANTHROPIC_API_KEY")
	if key == "" {
		return errors.New("ANTHROPIC_API_KEY is not set: probe needs an API key to send its one request")
	}
	table, err := diagnoseTable(app)
	if err != nil {
		return err
	}
	var log *readingLog
	if o.logPath != "" {
		if log, err = openReadingLog(o.logPath); err != nil {
			return err
		}
		defer log.Close()
	}
	client := app.env.HTTP
	if client == nil {
		client = &http.Client{}
	}
	p := &prober{app: app, client: client, table: table, log: log,
		req: probe.Request{BaseURL: o.baseURL, APIKey: key, Model: o.model, Timeout: o.timeout}}
	if o.watch == 0 {
		return p.once(context.Background())
	}
	return p.watch(o.watch)
}
