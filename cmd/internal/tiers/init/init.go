// Package init is `tierplan tiers init`: the built-in tier table written,
// comments and all, to a file to edit (by default the user's file).
package init

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
)

// Options are tiers init's command line.
type Options struct {
	App *cmdutil.App
	// Path is the file to write ("-" for stdout); by default the user's file.
	Path  string
	Force bool
}

// NewCmdInit is the tiers init command; runF, when set, runs instead of
// initRun (tests check flag parsing with it).
func NewCmdInit(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "init [PATH]",
		Short: "Write the built-in tier table, comments included, to edit",
		Long: `init writes the table built into tierplan, byte for byte with its comments
(which document every field and source), to PATH, by default the user's file
that every command then uses (` + "`tierplan tiers path`" + ` shows where). It
refuses to overwrite an existing file unless --force is given. PATH "-" writes
to standard output.`,
		Example: `  tierplan tiers init
  tierplan tiers init ./team-tiers.yaml
  tierplan tiers init - > tiers.yaml`,
		Args: cmdutil.ArgsUsage(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Path = tiers.UserConfigPath(app.Env.Var)
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite an existing file")
	return cmd
}

// initRun writes the built-in table to the path, refusing to overwrite a
// file without --force.
func initRun(opts *Options) error {
	app, path, force := opts.App, opts.Path, opts.Force
	if path == "-" {
		_, err := app.Env.Stdout.Write(tierplan.DefaultTiers)
		return err
	}
	switch st, err := os.Stat(path); {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s is a directory; name the file to write, e.g. %s/tiers.yaml", path, path)
	case err == nil && !force:
		return fmt.Errorf("%s already exists; use --force to overwrite it, or `tierplan tiers diff default %s` to see how it differs from the built-in table", path, path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	// A link is followed (a dangling one gets its target), a device is
	// written through, a regular file replaced whole; never the link.
	if err := userfile.WriteFile(path, tierplan.DefaultTiers, userfile.Options{MakeDirs: true}); err != nil {
		return fmt.Errorf("writing %s: %v", path, cmdutil.PathErrorCause(err))
	}
	t, err := tiers.Parse(path, tierplan.DefaultTiers)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Env.Stdout, "wrote %s (the built-in table, as of %s); `tierplan tiers edit` opens it in your editor\n",
		termsafe.Escape(path), t.AsOf.Format("2006-01-02"))
	return nil
}
