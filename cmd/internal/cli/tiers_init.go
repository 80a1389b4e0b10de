package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func newTiersInitCmd(app *App) *cobra.Command {
	var force bool
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
		Args: argsUsage(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			path := tiers.UserConfigPath(app.env.getenv)
			if len(args) == 1 {
				path = args[0]
			}
			return runTiersInit(app, path, force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}

func runTiersInit(app *App, path string, force bool) error {
	if path == "-" {
		_, err := app.env.Stdout.Write(tierplan.DefaultTiers)
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
	if err := writeFileAtomic(path, tierplan.DefaultTiers, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	t, err := tiers.Parse(path, tierplan.DefaultTiers)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.env.Stdout, "wrote %s (the built-in table, as of %s); `tierplan tiers edit` opens it in your editor\n",
		path, t.AsOf.Format("2006-01-02"))
	return nil
}
