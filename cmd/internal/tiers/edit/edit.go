// Package edit is `tierplan tiers edit`: a copy of the tier table opened in
// the user's editor and validated before it replaces the file, so a table
// with problems is never saved and no edit is ever lost.
package edit

import (
	"github.com/spf13/cobra"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/tiers"
)

// Options are tiers edit's command line.
type Options struct {
	App *cmdutil.App
	// File is the table to edit; "" means the file in effect, else the
	// user's file.
	File string
	// Resume reopens the edits kept from an edit that was not saved.
	Resume bool
}

// NewCmdEdit is the tiers edit command; runF, when set, runs instead of
// editRun (tests check flag parsing with it).
func NewCmdEdit(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "edit [FILE]",
		Short: "Edit the tier table in $VISUAL or $EDITOR, validated before it is saved",
		Long: `edit opens a copy of FILE (default: the table in effect, or the user's file
when the built-in table is in effect; a missing file starts from the built-in
table) in $VISUAL, else $EDITOR, which may carry arguments ("code --wait").
When the editor exits, the copy is validated: if it has problems they are
listed and you are asked whether to edit again; only a valid table replaces
FILE, atomically and keeping its permissions, and only if nothing else saved
FILE since the edit began.

Edits are never lost. Quitting the editor with an error, Ctrl-C (tierplan
waits for the editor to exit first), declining to edit again, or FILE
changing meanwhile leaves FILE as it was and keeps the edits; the message
says where, and --resume opens them again. While an edit of FILE is kept or
running, another edit of FILE is refused.`,
		Example: `  EDITOR=nano tierplan tiers edit
  VISUAL="code --wait" tierplan tiers edit ./team-tiers.yaml
  tierplan tiers edit --resume`,
		Args: cmdutil.ArgsUsage(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return editRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Resume, "resume", false, "reopen the edits kept from an edit of FILE that was not saved")
	return cmd
}

// editRun edits the target until the copy is valid, unchanged, or given up.
func editRun(opts *Options) error {
	target, err := editTarget(opts)
	if err != nil {
		return err
	}
	return edit(opts.App, target, opts)
}

// editTarget is FILE, else the file in effect, else the user's file.
func editTarget(opts *Options) (string, error) {
	app := opts.App
	if opts.File != "" {
		return opts.File, nil
	}
	src, err := tiers.Resolve(app.TiersFlag, app.Env.Var)
	if err != nil {
		return "", err
	}
	if !src.Embedded() {
		return src.Path, nil
	}
	return tiers.UserConfigPath(app.Env.Var), nil
}
