package cli

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
	"github.com/tierplan/tierplan/tiers"
)

func newTiersEditCmd(app *App) *cobra.Command {
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
		Args: argsUsage(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			target, err := editTarget(app, args)
			if err != nil {
				return err
			}
			return runTiersEdit(app, target)
		},
	}
}

// editTarget is FILE, else the file in effect, else the user's file.
func editTarget(app *App, args []string) (string, error) {
	if len(args) == 1 {
		return args[0], nil
	}
	src, err := tiers.Resolve(app.tiersFlag, app.env.getenv)
	if err != nil {
		return "", err
	}
	if !src.Embedded() {
		return src.Path, nil
	}
	return tiers.UserConfigPath(app.env.getenv), nil
}

// editSession is one `tiers edit`: the file to replace, what it held, and
// the private copy the editor works on.
type editSession struct {
	app      *App
	target   string
	original []byte // nil when target does not exist
	start    []byte // what the copy started as: original, or the built-in table
	copyPath string
	answers  *bufio.Reader
}

func runTiersEdit(app *App, target string) error {
	editor := app.env.getenv("VISUAL")
	if editor == "" {
		editor = app.env.getenv("EDITOR")
	}
	if strings.TrimSpace(editor) == "" {
		return errors.New("no editor: set $VISUAL or $EDITOR (for example: export EDITOR=nano)")
	}
	s := &editSession{app: app, target: target, answers: bufio.NewReader(stdinOrEmpty(app.env.Stdin))}
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
		if err := runEditor(s.app.env, editor, s.copyPath); err != nil {
			return s.keep(fmt.Sprintf("the editor failed (%v)", err))
		}
		edited, err := os.ReadFile(s.copyPath)
		if err != nil {
			return err
		}
		if bytes.Equal(edited, s.start) {
			s.discard()
			fmt.Fprintf(s.app.env.Stdout, "no changes; %s left as it was\n", s.target)
			return nil
		}
		t, err := tiers.Parse(s.target, edited)
		if err == nil {
			return s.save(edited, t)
		}
		fmt.Fprintln(s.app.env.Stderr, err)
		if !s.askAgain() {
			return s.keep("the table has problems")
		}
	}
}

// askAgain asks on stderr and reads the answer; no answer (end of input)
// means no, so a script never loops forever.
func (s *editSession) askAgain() bool {
	fmt.Fprint(s.app.env.Stderr, "edit again? [Y/n] ")
	line, err := s.answers.ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(s.app.env.Stderr)
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
	fmt.Fprintf(s.app.env.Stderr, "tierplan: %s; %s left as it was; your edits are in %s\n", why, s.target, s.copyPath)
	return silentExit(ExitError)
}

func (s *editSession) discard() { os.RemoveAll(filepath.Dir(s.copyPath)) }

// save replaces the target with the valid copy and says what changed.
func (s *editSession) save(edited []byte, t *tiers.Table) error {
	if err := writeFileAtomic(s.target, edited, 0o644); err != nil {
		return s.keep(fmt.Sprintf("saving failed (%v)", err))
	}
	s.discard()
	w := s.app.env.Stdout
	fmt.Fprintf(w, "saved %s (%s, %s, %s; as of %s)\n", s.target, plural(len(t.Models), "model"),
		plural(len(t.Tiers), "tier"), plural(len(t.Plans), "plan"), t.AsOf.Format("2006-01-02"))
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
	fmt.Fprintf(w, "%s against %s:\n", plural(len(changes), "change"), label)
	asOfChanged := false
	for _, c := range changes {
		fmt.Fprintf(w, "  %s\n", changeLine(c))
		asOfChanged = asOfChanged || c.Section == "table" && c.Field == "as_of"
	}
	if !asOfChanged {
		fmt.Fprintf(w, "note: as_of is still %s; set it to the date you read the new figures\n", t.AsOf.Format("2006-01-02"))
	}
	return nil
}
