package edit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/internal/userfile"
	"github.com/tierplan/tierplan/planner/termsafe"
	"github.com/tierplan/tierplan/tiers"
)

// editSession is one `tiers edit`: the file to replace, what it held, and
// the kept copy the editor works on.
type editSession struct {
	app      *cmdutil.App
	target   string
	original []byte // nil when target does not exist
	kept     keptEdit
	resume   string // the command that reopens the kept edits
	answers  <-chan string
	signals  <-chan os.Signal
}

// edit runs one edit session on target.
func edit(app *cmdutil.App, target string, opts *Options) error {
	editor := app.Env.Var("VISUAL")
	if editor == "" {
		editor = app.Env.Var("EDITOR")
	}
	if strings.TrimSpace(editor) == "" {
		return errors.New("no editor: set $VISUAL or $EDITOR (for example: export EDITOR=nano)")
	}
	kept, err := editFor(app, target)
	if err != nil {
		return err
	}
	s := &editSession{app: app, target: target, kept: kept, resume: "tierplan tiers edit --resume"}
	if opts.File != "" {
		s.resume += " " + opts.File
	}
	current, err := tiers.ReadFile(target)
	exists := err == nil
	switch {
	case exists:
		s.original = current
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := s.begin(opts.Resume, current, exists); err != nil {
		return err
	}
	if app.Env.Catch != nil {
		sigs, stop := app.Env.Catch(os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
		s.signals = sigs
	}
	s.answers = readLines(stdinOrEmpty(app.Env.Stdin))
	return s.loop(editor)
}

// begin claims a new edit, or reopens the kept one with --resume.
func (s *editSession) begin(resume bool, current []byte, exists bool) error {
	base := contentHash(current, exists)
	if !resume {
		start := current
		if !exists {
			start = tierplan.DefaultTiers
		}
		err := s.kept.claim(start, base, s.app.Env.Clock())
		if errors.Is(err, errEditExists) {
			return fmt.Errorf("%s has unsaved edits in %s (or another tiers edit of it is running): `%s` continues them; delete that file to start over",
				s.target, s.kept.copy, s.resume)
		}
		return err
	}
	if !s.kept.exists() {
		return fmt.Errorf("no unsaved edits of %s to resume", s.target)
	}
	if err := s.kept.load(); err != nil {
		return fmt.Errorf("the kept edits of %s cannot be read: %v", s.target, err)
	}
	if s.kept.meta.Base != base {
		// The user asked for these edits back knowing the file moved on:
		// say so, and let a save replace what the file holds now.
		cmdutil.Notef(s.app.Env, "%s changed since these edits began; `tierplan tiers diff %s %s` shows how they differ from it now, and saving them replaces it",
			s.target, s.target, s.kept.copy)
		s.kept.meta.Base = base
		return s.kept.saveMeta()
	}
	return nil
}

func stdinOrEmpty(r io.Reader) io.Reader {
	if r == nil {
		return strings.NewReader("")
	}
	return r
}

// readLines delivers the lines of r, then closes the channel at its end,
// so a question can wait for an answer and a signal at once.
func readLines(r io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		br := bufio.NewReader(r)
		for {
			line, err := br.ReadString('\n')
			if line != "" || err == nil {
				ch <- line
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// loop runs the editor until the copy is valid, unchanged, or given up.
func (s *editSession) loop(editor string) error {
	for {
		interrupted, err := runEditor(s.app.Env, editor, s.kept.copy, s.signals)
		switch {
		case interrupted:
			return s.keep("interrupted")
		case err != nil:
			return s.keep(fmt.Sprintf("the editor failed (%v)", err))
		}
		edited, err := os.ReadFile(s.kept.copy)
		if err != nil {
			return s.keep(fmt.Sprintf("the edited copy cannot be read (%v)", err))
		}
		if s.unchanged(edited) {
			s.kept.remove()
			fmt.Fprintf(s.app.Env.Stdout, "no changes; %s left as it was\n", termsafe.Escape(s.target))
			return nil
		}
		t, err := tiers.Parse(s.target, edited)
		if err == nil {
			return s.save(edited, t)
		}
		_ = render.WriteText(s.app.Env.Stderr, []byte(err.Error()+"\n"))
		again, interrupted := s.askAgain()
		switch {
		case interrupted:
			return s.keep("interrupted")
		case !again:
			return s.keep("the table has problems")
		}
	}
}

// unchanged reports whether the copy says what the file says (or, for a
// file not created yet, the built-in table it started from).
func (s *editSession) unchanged(edited []byte) bool {
	if s.original == nil {
		return bytes.Equal(edited, tierplan.DefaultTiers)
	}
	return bytes.Equal(edited, s.original)
}

// askAgain asks on stderr and waits for the answer or a signal; no answer
// (end of input) means no, so a script never loops forever.
func (s *editSession) askAgain() (again, interrupted bool) {
	fmt.Fprint(s.app.Env.Stderr, "edit again? [Y/n] ")
	select {
	case line, ok := <-s.answers:
		if !ok {
			fmt.Fprintln(s.app.Env.Stderr)
			return false, false
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "", "y", "yes":
			return true, false
		}
		return false, false
	case <-s.signals: // nil without Catch: never ready
		fmt.Fprintln(s.app.Env.Stderr)
		return false, true
	}
}

// keep ends an edit that was not saved. The kept copy, and so every edit
// the user made, stays where --resume finds it, and the message says where;
// a copy with no edits is removed.
func (s *editSession) keep(why string) error {
	edited, err := os.ReadFile(s.kept.copy)
	if err == nil && s.unchanged(edited) {
		s.kept.remove()
		return fmt.Errorf("%s; %s left as it was", why, s.target)
	}
	fmt.Fprintf(s.app.Env.Stderr, "tierplan: %s\n", termsafe.Escape(fmt.Sprintf("%s; %s left as it was; your edits are kept in %s: `%s` reopens them",
		why, s.target, s.kept.copy, s.resume)))
	return cmdutil.SilentExit(cmdutil.ExitError)
}

// save replaces the target with the valid copy, unless something else
// saved the target since the edit began, and says what changed.
func (s *editSession) save(edited []byte, t *tiers.Table) error {
	now, err := tiers.ReadFile(s.target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s.keep(fmt.Sprintf("%s cannot be read again before saving (%v)", s.target, err))
	}
	if contentHash(now, exists) != s.kept.meta.Base {
		return s.keep(fmt.Sprintf("%s changed since this edit began (another tiers edit or program saved it), so it was not replaced; `tierplan tiers diff %s %s` shows how your edits differ from it",
			s.target, s.target, s.kept.copy))
	}
	if err := userfile.WriteFile(s.target, edited, userfile.Options{MakeDirs: true}); err != nil {
		return s.keep(fmt.Sprintf("saving failed (%v)", cmdutil.PathErrorCause(err)))
	}
	s.kept.remove()
	s.report(t)
	return nil
}

// report says what was saved and what changed against the file before.
func (s *editSession) report(t *tiers.Table) {
	var buf bytes.Buffer
	defer func() { _ = render.WriteText(s.app.Env.Stdout, buf.Bytes()) }()
	w := &buf
	fmt.Fprintf(w, "saved %s (%s, %s, %s; as of %s)\n", s.target, render.Plural(len(t.Models), "model"),
		render.Plural(len(t.Tiers), "tier"), render.Plural(len(t.Plans), "plan"), t.AsOf.Format("2006-01-02"))
	before, label := s.original, "the previous file"
	if before == nil {
		before, label = tierplan.DefaultTiers, "the built-in table"
	}
	old, err := tiers.Parse("previous", before)
	if err != nil {
		return // the old file was broken; there is nothing sound to compare with
	}
	changes := tiers.Diff(old, t)
	if len(changes) == 0 {
		return
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
}
