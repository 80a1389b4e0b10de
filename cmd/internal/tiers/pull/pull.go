// Package pull is `tierplan tiers pull`: an organisation's configured rate
// limits, read from Anthropic's Rate Limits API with an admin key, written
// into the user's own tier table as a tier (or shown as a diff against the
// table in effect).
package pull

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
	"github.com/tierplan/tierplan/tiers/ratelimits"
)

// KeyVar names the environment variable that holds the admin key.
const KeyVar = "ANTHROPIC_ADMIN_KEY"

// DefaultTier is the tier the pulled limits become when --as names none.
const DefaultTier = "my-org"

// Options are tiers pull's command line.
type Options struct {
	App *cmdutil.App
	// Path is the table to write ("-" for stdout); by default the user's file.
	Path      string
	As        string
	Workspace string
	Diff      bool
	BaseURL   string
	Timeout   time.Duration
	Force     bool
}

// NewCmdPull is the tiers pull command; runF, when set, runs instead of
// pullRun (tests check flag parsing with it).
func NewCmdPull(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "pull [PATH]",
		Short: "Read your organisation's real limits (Rate Limits API) into your own table",
		Long: `pull reads the rate limits configured for your organisation from Anthropic's
Rate Limits API (GET /v1/organizations/rate_limits, every page), with the
Admin API key in $` + KeyVar + `, and writes the table in effect with those
limits as one tier to PATH (by default your user file, which every command
then uses). It is the only source for the Evaluation and Custom tiers, for
negotiated limits and for a workspace's own limits (--workspace: its
overrides, and what it inherits from the organisation).

--as NAME names the tier: a tier of that name (the one you are on, say
build) keeps its spend cap and takes your limits; any other name adds a tier
without a spend cap (the API does not give one). Each pulled figure carries
source: your organisation's Rate Limits API, DATE. Model groups are placed on
the table's pools through its models' match prefixes; groups and limiter
types the table cannot hold are named on stderr. --diff writes nothing and
shows what would change against the table in effect (exit 1 when it would).

The key is sent in the x-api-key header to the base URL and nowhere else:
never printed, logged or written; redirects are not followed.`,
		Example: `  ANTHROPIC_ADMIN_KEY=sk-ant-admin… tierplan tiers pull --as build --diff
  tierplan tiers pull --as build --force
  tierplan tiers pull --workspace wrkspc_01Jw… --as ci ./ci-tiers.yaml`,
		Args: cmdutil.ArgsUsage(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Path = tiers.UserConfigPath(app.Env.Var)
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if opts.Timeout <= 0 {
				return cmdutil.UsageErrorf("--timeout %s: give a positive duration such as 30s", opts.Timeout)
			}
			if runF != nil {
				return runF(opts)
			}
			return pullRun(opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.As, "as", DefaultTier, "the tier `NAME` your limits become: an existing tier keeps its spend cap, a new one has none")
	fs.StringVar(&opts.Workspace, "workspace", "", "also read this workspace's own limits (`ID`, wrkspc_…), with what it inherits")
	fs.BoolVar(&opts.Diff, "diff", false, "write nothing: show what would change against the table in effect (exit 1 when it would)")
	fs.StringVar(&opts.BaseURL, "base-url", ratelimits.DefaultBaseURL, "the API's base `URL`")
	fs.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "give up after this `DURATION`, all pages included")
	fs.BoolVar(&opts.Force, "force", false, "replace an existing PATH (the old file is kept as PATH.bak)")
	return cmd
}

// pullRun reads the limits, builds the new table from the one in effect,
// and writes it (or its diff).
func pullRun(opts *Options) error {
	app := opts.App
	key := app.Env.Var(KeyVar)
	if key == "" {
		return cmdutil.UsageErrorf("set %s to an Admin API key (sk-ant-admin…, from Console › Settings › Admin keys); tiers pull reads your organisation's limits with it", KeyVar)
	}
	if !opts.Diff && opts.Path != "-" {
		if err := checkTarget(opts.Path, opts.Force); err != nil {
			return err
		}
	}
	base, baseText, err := tableInEffect(app)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
	defer cancel()
	res, err := ratelimits.Fetch(ctx, app.Env.HTTP, ratelimits.Request{BaseURL: opts.BaseURL, Key: key, Workspace: opts.Workspace})
	if err != nil {
		return errors.New(termsafe.Escape(err.Error()))
	}
	org := ratelimits.ForTable(res.Entries, base)
	for _, n := range org.Notes {
		app.Note(termsafe.Escape(n))
	}
	day := app.Env.Clock().UTC()
	source := ratelimits.Source(opts.Workspace, day)
	out, err := ratelimits.Apply(baseText, opts.As, org, source, day)
	if err != nil {
		return errors.New(termsafe.Escape(err.Error()))
	}
	pulled, err := tiers.Parse("the pulled table", out)
	if err != nil {
		return err
	}
	pulled.Origin = "your organisation's limits"
	if _, existed := base.Tier(opts.As); !existed {
		app.Note(fmt.Sprintf("tier %s is new and has no spend cap (the API does not give one); add monthly_spend_cap, or pull --as the tier you are on", opts.As))
	}
	if opts.Diff {
		rep := shared.DiffReport(base, pulled, tiers.Diff(base, pulled))
		if err := shared.WriteDiff(app.Env.Stdout, app.Output, rep, app.Width()); err != nil {
			return err
		}
		if !rep.Equal {
			return cmdutil.SilentExit(cmdutil.ExitError)
		}
		return nil
	}
	return write(app, opts, out, len(org.Pools), source)
}

// tableInEffect is the table every command uses, parsed, and the text it
// was read from (the pulled table keeps its comments).
func tableInEffect(app *cmdutil.App) (*tiers.Table, []byte, error) {
	t, err := app.Table()
	if err != nil {
		return nil, nil, err
	}
	src, err := tiers.Resolve(app.TiersFlag, app.Env.Var)
	if err != nil {
		return nil, nil, err
	}
	if src.Embedded() {
		return t, tierplan.DefaultTiers, nil
	}
	data, err := tiers.ReadFile(src.Path)
	return t, data, err
}

// checkTarget refuses to replace a file without --force, and a directory.
func checkTarget(path string, force bool) error {
	switch st, err := os.Stat(path); {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a directory; name the file to write, e.g. %s/tiers.yaml", path, path)
	case err == nil && !force:
		return fmt.Errorf("%s already exists; --force replaces it (the old file is kept as %s.bak), --diff shows what would change", path, path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// write keeps a copy of a file it replaces, then writes the new table.
func write(app *cmdutil.App, opts *Options, data []byte, pools int, source string) error {
	if opts.Path == "-" {
		_, err := app.Env.Stdout.Write(data)
		return err
	}
	// The copy is read capped and without waiting (a FIFO, a device), and
	// both files are written through userfile: links followed, only a
	// regular file replaced.
	if old, err := tiers.ReadFile(opts.Path); err == nil {
		if err := userfile.WriteFile(opts.Path+".bak", old, userfile.Options{Perm: 0o600}); err != nil {
			return fmt.Errorf("keeping a copy of %s: %v", opts.Path, cmdutil.PathErrorCause(err))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%v; not replaced", err)
	}
	if err := userfile.WriteFile(opts.Path, data, userfile.Options{MakeDirs: true}); err != nil {
		return fmt.Errorf("writing %s: %v", opts.Path, cmdutil.PathErrorCause(err))
	}
	fmt.Fprintf(app.Env.Stdout, "wrote %s: tier %s holds your organisation's limits for %s (source: %s)\n",
		termsafe.Escape(opts.Path), termsafe.Escape(opts.As), render.Plural(pools, "pool"), termsafe.Escape(source))
	return nil
}
