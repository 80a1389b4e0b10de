// Package edit is `tierplan tiers edit`: a copy of the tier table opened in
// the user's editor and validated before it replaces the file, so a table
// with problems is never saved and no edit is ever lost.
package edit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// Options are tiers edit's command line.
type Options struct {
	App *cmdutil.App
	// File is the table to edit; "" means the file in effect, else the
	// user's file.
	File string
}

// NewCmdEdit is the tiers edit command; runF, when set, runs instead of
// editRun (tests check flag parsing with it).
func NewCmdEdit(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	return &cobra.Command{
		Use:   "edit [FILE]",
		Short: "Edit the tier table in $VISUAL or $EDITOR, validated before it is saved",
		Long: `edit opens a copy of FILE (default: the table in effect, or the user's file
when the built-in table is in effect; a missing file starts from the built-in
table) in $VISUAL, else $EDITOR, which may carry arguments ("code --wait").
When the editor exits, the copy is validated: if it has problems they are
listed and you are asked whether to edit again; only a valid table replaces
FILE, atomically and keeping its permissions. Quitting the editor with an
error, saving no change, or declining to edit again changes nothing, and
keeps any edits in a file whose path is printed.`,
		Example: `  EDITOR=nano tierplan tiers edit
  VISUAL="code --wait" tierplan tiers edit ./team-tiers.yaml`,
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
}

// editRun edits the target until the copy is valid, unchanged, or given up.
func editRun(opts *Options) error {
	target, err := editTarget(opts)
	if err != nil {
		return err
	}
	return edit(opts.App, target)
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

// editSession is one `tiers edit`: the file to replace, what it held, and
// the private copy the editor works on.
type editSession struct {
	app      *cmdutil.App
	target   string
	original []byte // nil when target does not exist
	start    []byte // what the copy started as: original, or the built-in table
	copyPath string
	answers  *bufio.Reader
}

// edit runs one edit session on target.
func edit(app *cmdutil.App, target string) error {
	editor := app.Env.Var("VISUAL")
	if editor == "" {
		editor = app.Env.Var("EDITOR")
	}
	if strings.TrimSpace(editor) == "" {
		return errors.New("no editor: set $VISUAL or $EDITOR (for example: export EDITOR=nano)")
	}
	s := &editSession{app: app, target: target, answers: bufio.NewReader(stdinOrEmpty(app.Env.Stdin))}
	data, err := tiers.ReadFile(target)
	switch {
	case err == nil:
		s.original, s.start = data, data
	case errors.Is(err, fs.ErrNotExist):
		s.start = tierplan.DefaultTiers
	default:
		return err
	}
	dir, err := os.MkdirTemp("", "tierplan-edit-")
	if err != nil {
		return err
	}
	s.copyPath = filepath.Join(dir, filepath.Base(target))
	if err := os.WriteFile(s.copyPath, s.start, 0o600); err != nil {
		os.RemoveAll(dir)
		return err
	}
	return s.loop(editor)
}

func stdinOrEmpty(r io.Reader) io.Reader {
	if r == nil {
		return strings.NewReader("")
	}
	return r
}

// loop runs the editor until the copy is valid, unchanged, or given up.
func (s *editSession) loop(editor string) error {
	for {
		if err := runEditor(s.app.Env, editor, s.copyPath); err != nil {
			return s.keep(fmt.Sprintf("the editor failed (%v)", err))
		}
		edited, err := os.ReadFile(s.copyPath)
		if err != nil {
			return err
		}
		if bytes.Equal(edited, s.start) {
			s.discard()
			fmt.Fprintf(s.app.Env.Stdout, "no changes; %s left as it was\n", s.target)
			return nil
		}
		t, err := tiers.Parse(s.target, edited)
		if err == nil {
			return s.save(edited, t)
		}
		fmt.Fprintln(s.app.Env.Stderr, err)
		if !s.askAgain() {
			return s.keep("the table has problems")
		}
	}
}

// askAgain asks on stderr and reads the answer; no answer (end of input)
// means no, so a script never loops forever.
func (s *editSession) askAgain() bool {
	fmt.Fprint(s.app.Env.Stderr, "edit again? [Y/n] ")
	line, err := s.answers.ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(s.app.Env.Stderr)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "", "y", "yes":
		return true
	}
	return false
}

// keep ends an edit that changed nothing, keeping the copy (and so every
// edit the user made) and saying where it is.
func (s *editSession) keep(why string) error {
	edited, _ := os.ReadFile(s.copyPath)
	if bytes.Equal(edited, s.start) {
		s.discard()
		return fmt.Errorf("%s; %s left as it was", why, s.target)
	}
	fmt.Fprintf(s.app.Env.Stderr, "tierplan: %s; %s left as it was; your edits are in %s\n", why, s.target, s.copyPath)
	return cmdutil.SilentExit(cmdutil.ExitError)
}

func (s *editSession) discard() { os.RemoveAll(filepath.Dir(s.copyPath)) }

// save replaces the target with the valid copy and says what changed.
func (s *editSession) save(edited []byte, t *tiers.Table) error {
	if err := shared.WriteFileAtomic(s.target, edited, 0o644); err != nil {
		return s.keep(fmt.Sprintf("saving failed (%v)", err))
	}
	s.discard()
	w := s.app.Env.Stdout
	fmt.Fprintf(w, "saved %s (%s, %s, %s; as of %s)\n", s.target, render.Plural(len(t.Models), "model"),
		render.Plural(len(t.Tiers), "tier"), render.Plural(len(t.Plans), "plan"), t.AsOf.Format("2006-01-02"))
	before, label := s.original, "the previous file"
	if before == nil {
		before, label = tierplan.DefaultTiers, "the built-in table"
	}
	old, err := tiers.Parse("previous", before)
	if err != nil {
		return nil // the old file was broken; there is nothing sound to compare with
	}
	changes := tiers.Diff(old, t)
	if len(changes) == 0 {
		return nil
	}
	fmt.Fprintf(w, "%s against %s:\n", render.Plural(len(changes), "change"), label)
	asOfChanged := false
	for _, c := range changes {
		fmt.Fprintf(w, "  %s\n", shared.ChangeLine(c))
		asOfChanged = asOfChanged || c.Section == "table" && c.Field == "as_of"
	}
	if !asOfChanged {
		fmt.Fprintf(w, "note: as_of is still %s; set it to the date you read the new figures\n", t.AsOf.Format("2006-01-02"))
	}
	return nil
}
