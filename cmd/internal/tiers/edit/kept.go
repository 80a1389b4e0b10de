package edit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// An edit in progress (or one that was not saved) lives in a directory of
// its own under the user's state directory, named after the file it
// edits: the working copy the editor has (named as the file, so the editor
// highlights YAML) and edit.json. It is there from the moment the editor
// starts, so a crash, a closed terminal or kill -9 still leaves the edits
// where `tiers edit --resume` finds them; its existence also tells a second
// `tiers edit` of the same file that one is running or was interrupted.

// editMeta is edit.json: which file the edit is for and what that file held
// when the edit began, to notice another save before replacing it.
type editMeta struct {
	Target string    `json:"target"`
	Base   string    `json:"base_sha256"` // of the file's content; "" when it did not exist
	Since  time.Time `json:"started"`
}

// keptEdit is one edit's directory.
type keptEdit struct {
	dir  string
	copy string // the working copy
	meta editMeta
}

// editFor is where the edit of target lives: a directory under the state
// directory (cmdutil.StateDir: state worth keeping, not a cache, and the
// run's own $HOME, as the window history's). The name hashes the file's
// absolute path, links followed, so two names of one file share it.
func editFor(app *cmdutil.App, target string) (keptEdit, error) {
	state := cmdutil.StateDir(app)
	if state == "" {
		return keptEdit{}, errors.New("no directory to keep the edits in while the editor runs: set $XDG_STATE_HOME or $HOME")
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		abs = target
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	sum := sha256.Sum256([]byte(abs))
	dir := filepath.Join(state, "edits", hex.EncodeToString(sum[:6]))
	return keptEdit{dir: dir, copy: filepath.Join(dir, filepath.Base(target)), meta: editMeta{Target: abs}}, nil
}

// errEditExists is returned by claim when the target's edit directory is
// already there.
var errEditExists = errors.New("an edit exists")

// claim creates the edit's directory, atomically: of two `tiers edit` of
// one file started together, one gets errEditExists.
func (k *keptEdit) claim(start []byte, base string, now time.Time) error {
	if err := os.MkdirAll(filepath.Dir(k.dir), 0o700); err != nil {
		return err
	}
	if err := os.Mkdir(k.dir, 0o700); errors.Is(err, fs.ErrExist) {
		return errEditExists
	} else if err != nil {
		return err
	}
	k.meta.Base, k.meta.Since = base, now
	if err := os.WriteFile(k.copy, start, 0o600); err != nil {
		k.remove()
		return err
	}
	if err := k.saveMeta(); err != nil {
		k.remove()
		return err
	}
	return nil
}

// load reads a kept edit's metadata; the working copy must be there.
func (k *keptEdit) load() error {
	data, err := os.ReadFile(filepath.Join(k.dir, "edit.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &k.meta); err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(k.dir, "edit.json"), err)
	}
	if _, err := os.Stat(k.copy); err != nil {
		// The copy is named after the file as first given; find it.
		matches, _ := filepath.Glob(filepath.Join(k.dir, "*"))
		for _, m := range matches {
			if filepath.Base(m) != "edit.json" {
				k.copy = m
				return nil
			}
		}
		return err
	}
	return nil
}

func (k *keptEdit) saveMeta() error {
	data, err := json.MarshalIndent(k.meta, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(k.dir, "edit.json"), append(data, '\n'), 0o600)
}

func (k *keptEdit) exists() bool {
	_, err := os.Stat(k.dir)
	return err == nil
}

func (k *keptEdit) remove() { os.RemoveAll(k.dir) }

// contentHash names a file's content; "" for a file that does not exist.
func contentHash(data []byte, exists bool) string {
	if !exists {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
