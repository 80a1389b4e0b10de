package proxy

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/urlredact"
	"github.com/tierplan/tierplan/tiers"
)

// Deps is what the proxy command takes from the rest of the CLI.
type Deps struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	// Table loads the tier table in effect (--tiers and its fallbacks).
	Table func() (*tiers.Table, error)
	// UsageError marks an error as a usage error (exit 2, usage shown).
	UsageError func(error) error
	// Context, when set, ends the proxy when it is done (tests); otherwise
	// SIGINT and SIGTERM do.
	Context context.Context
	// Listening, when set, is told the address the proxy listens on.
	Listening func(addr string)
}

type options struct {
	listen, upstream, users, store, tier, warnBelow, tz, instance                 string
	window, queueTimeout, readTimeout, upstreamTimeout, idleTimeout, drainTimeout time.Duration
	queueMax                                                                      int
	maxRequestBytes                                                               int64
}

// Hooks let tests run the command: Context ends the proxy (instead of
// SIGINT or SIGTERM), Listening is told the address it listens on.
type Hooks struct {
	Context   context.Context
	Listening func(addr string)
}

// NewCmdProxy is `tierplan proxy` for the root command: the shared
// environment, tier table and exit codes of cmdutil.
func NewCmdProxy(app *cmdutil.App, hooks *Hooks) *cobra.Command {
	d := Deps{Stdout: app.Env.Stdout, Stderr: app.Env.Stderr, Getenv: app.Env.Var,
		Now: func() time.Time { return app.Env.Clock() }, Table: app.Table, UsageError: cmdutil.WrapUsage}
	if hooks != nil {
		d.Context, d.Listening = hooks.Context, hooks.Listening
	}
	return NewCmd(d)
}

// NewCmd is `tierplan proxy` and its `token` subcommand.
func NewCmd(d Deps) *cobra.Command {
	var o options
	cmd := &cobra.Command{
		Use:   "proxy --users FILE [--listen ADDR] [--upstream URL] [--store DSN]",
		Short: "The team proxy: one org key, per-developer tokens, records, pacing instead of 429s, budgets, dashboard",
		Long: `proxy forwards the Messages API calls of a team's Claude Code and SDK clients
to the Anthropic API with the organisation's key, which it reads from
ANTHROPIC_API_KEY (environment only; never logged, stored or echoed).
Developers point their client at the proxy (ANTHROPIC_BASE_URL) with a token
of their own (ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY); tierplan proxy token
NAME makes one and the line for the users file.

Every call is recorded (user, session, model, status, usage, every
anthropic-ratelimit-* header, latency) in an SQLite file, or in PostgreSQL
with --store postgres://… where several proxy instances share records,
budgets and pacing. A call that would overdraw the organisation's per-minute
buckets waits in a short queue instead of running into a 429; a developer
over budget gets a 429 that says when the budget resets.

With TIERPLAN_PROXY_ADMIN_TOKEN set, GET / is a dashboard, GET
/rate-limit-log?limit=N the newest records as JSON, GET /metrics Prometheus
metrics (send the token as Authorization: Bearer, or as the password of the
browser's login prompt).`,
		Example: `  tierplan proxy token ann >> users.yaml   # then give ann the token it printed
  ANTHROPIC_API_KEY=sk-ant-… TIERPLAN_PROXY_ADMIN_TOKEN=… tierplan proxy --users users.yaml
  tierplan proxy --users users.yaml --store postgres://proxy@db.internal/tierplan --tier start`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return run(cmd, d, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "127.0.0.1:8787", "`ADDR` to listen on (host:port)")
	f.StringVar(&o.upstream, "upstream", DefaultUpstream, "the API's base `URL` (https; http only on 127.0.0.1 or localhost)")
	f.StringVar(&o.users, "users", "", "the users `FILE` (YAML; re-read when it changes)")
	f.StringVar(&o.store, "store", "", "where records go: an SQLite file `PATH` (default: tierplan/proxy.db in $XDG_DATA_HOME) or postgres://…")
	f.StringVar(&o.tier, "tier", "", "the organisation's API `TIER` in the tier table: its limits are assumed until the API's headers tell them")
	f.StringVar(&o.warnBelow, "warn-below", "10%", "log a warning when a bucket has less than this `PERCENT` left")
	f.DurationVar(&o.window, "window", DefaultWindow, "the buckets' enforcement window (`DURATION`): 60s lets a whole minute's limit go at once")
	f.IntVar(&o.queueMax, "queue-max", DefaultQueueMax, "most calls (`N`) waiting per pool; more get a 429 from the proxy")
	f.DurationVar(&o.queueTimeout, "queue-timeout", DefaultQueueTimeout, "longest a call waits for room (`DURATION`) before the proxy answers 429")
	f.Int64Var(&o.maxRequestBytes, "max-request-bytes", DefaultMaxRequestBytes, "largest request body accepted, in `BYTES` (the API's own limit is 32 MB)")
	f.DurationVar(&o.readTimeout, "read-timeout", DefaultReadTimeout, "time allowed (`DURATION`) to send a request's headers and body")
	f.DurationVar(&o.upstreamTimeout, "upstream-timeout", DefaultUpstreamTimeout, "time allowed (`DURATION`) for the API's response headers")
	f.DurationVar(&o.idleTimeout, "stream-idle-timeout", DefaultStreamIdleTimeout, "a response that sends nothing for this long (`DURATION`) is cut")
	f.DurationVar(&o.drainTimeout, "drain-timeout", DefaultDrainTimeout, "on SIGINT or SIGTERM, how long (`DURATION`) open calls may finish")
	f.StringVar(&o.tz, "tz", "UTC", "time `ZONE` of budget days, weeks and months (IANA name)")
	f.StringVar(&o.instance, "instance", "", "this instance's `NAME` in records (default: host name and port)")
	cmd.AddCommand(newTokenCmd(d))
	return cmd
}

func newTokenCmd(d Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "token NAME",
		Short: "Make a new token for a developer and print it with its users-file entry",
		Long: `token makes a new random token for NAME and prints it on stderr, to give to
that developer, and on stdout the entry for the users file, which keeps only
the token's SHA-256, so the entry can be appended to the file as it is. The
token is shown once; a lost token is replaced by running this again.`,
		Example: `  tierplan proxy token ann >> users.yaml`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return d.UsageError(fmt.Errorf("token takes one NAME, got %d arguments", len(args)))
			}
			if !namePattern().MatchString(args[0]) {
				return d.UsageError(fmt.Errorf("NAME %q: use 1 to 64 letters, digits and . _ @ + -", args[0]))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			token, hash, err := NewToken()
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(d.Stderr, "token for %s (give it to them; it is not shown again): %s\n", args[0], token); err != nil {
				return err
			}
			_, err = io.WriteString(d.Stdout, UsersFileEntry(args[0], hash))
			return err
		},
	}
}

// config checks the flags and the environment.
func config(d Deps, o options) (Config, error) {
	bad := func(format string, a ...any) (Config, error) { return Config{}, d.UsageError(fmt.Errorf(format, a...)) }
	c := Config{OrgKey: d.Getenv("ANTHROPIC_API_KEY"), AdminToken: d.Getenv("TIERPLAN_PROXY_ADMIN_TOKEN"),
		UsersFile: o.users, Tier: o.tier, Window: o.window, QueueMax: o.queueMax, QueueTimeout: o.queueTimeout,
		MaxRequestBytes: o.maxRequestBytes, ReadTimeout: o.readTimeout, UpstreamTimeout: o.upstreamTimeout,
		StreamIdleTimeout: o.idleTimeout, DrainTimeout: o.drainTimeout, Now: d.Now, Log: d.Stderr}
	if o.users == "" {
		return bad("--users FILE is required (tierplan proxy token NAME makes its entries)")
	}
	u, err := url.Parse(o.upstream)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return bad("--upstream %q: want the API's base URL, such as %s", urlredact.URL(o.upstream), DefaultUpstream)
	}
	if host := u.Hostname(); u.Scheme == "http" && host != "127.0.0.1" && host != "localhost" && host != "::1" {
		return bad("--upstream %q would send the organisation's key unencrypted: use https (http only for 127.0.0.1 or localhost)", o.upstream)
	}
	c.Upstream = u
	pct, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(o.warnBelow, "%")), 64)
	if err != nil || !(pct > 0 && pct < 100) {
		return bad("--warn-below %q: want a percentage between 0 and 100, such as 10%%", o.warnBelow)
	}
	c.WarnBelow = pct / 100
	for _, t := range []struct {
		name string
		v    time.Duration
	}{{"window", o.window}, {"queue-timeout", o.queueTimeout}, {"read-timeout", o.readTimeout},
		{"upstream-timeout", o.upstreamTimeout}, {"stream-idle-timeout", o.idleTimeout}, {"drain-timeout", o.drainTimeout}} {
		if t.v <= 0 {
			return bad("--%s %s: want a duration above 0, such as 30s", t.name, t.v)
		}
	}
	if o.window > time.Hour {
		return bad("--window %s: at most 1h", o.window)
	}
	if o.queueMax < 1 {
		return bad("--queue-max %d: want 1 or more", o.queueMax)
	}
	if o.maxRequestBytes < 1024 {
		return bad("--max-request-bytes %d: want at least 1024", o.maxRequestBytes)
	}
	if c.Location, err = time.LoadLocation(o.tz); err != nil || o.tz == "" || o.tz == "Local" {
		return bad("--tz %q: unknown time zone (use an IANA name such as Europe/Berlin, or UTC)", o.tz)
	}
	if c.OrgKey == "" {
		return Config{}, fmt.Errorf("ANTHROPIC_API_KEY is not set: the proxy forwards calls with the organisation's key from the environment")
	}
	return c, nil
}
