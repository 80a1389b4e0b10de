// Package path is `tierplan tiers path`: which tier table is in effect
// (--tiers, $TIERPLAN_TIERS, the user's file, or the built-in one) and why.
package path

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// tiersPathReport is `tiers path -o json`.
type tiersPathReport struct {
	SchemaVersion int          `json:"schema_version"`
	InEffect      inEffectJSON `json:"in_effect"`
	EnvVar        string       `json:"env_var"`
	UserFile      userFileJSON `json:"user_file"`
}

type inEffectJSON struct {
	Path     string `json:"path,omitempty"`
	Reason   string `json:"reason"`
	Embedded bool   `json:"embedded"`
	Valid    bool   `json:"valid"`
	AsOf     string `json:"as_of,omitempty"`
}

type userFileJSON struct {
	Path   string `json:"path"`
	Exists bool   `json:"exists"`
}

// Options are tiers path's command line: only the global flags.
type Options struct {
	App *cmdutil.App
}

// NewCmdPath is the tiers path command; runF, when set, runs instead of
// pathRun (tests check flag parsing with it).
func NewCmdPath(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	return &cobra.Command{
		Use:   "path",
		Short: "Which tier table is in effect, and why",
		Long: `path says which table the other commands use: --tiers FILE, else the file
$TIERPLAN_TIERS names, else the user's file ($XDG_CONFIG_HOME/tierplan/tiers.yaml,
~/.config/tierplan/tiers.yaml by default), else the table built into tierplan.`,
		Example: `  tierplan tiers path
  tierplan tiers path -o json`,
		Args: cmdutil.ArgsUsage(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return pathRun(opts)
		},
	}
}

// pathRun says which table is in effect, whether it is valid, and where the
// user's file is.
func pathRun(opts *Options) error {
	app := opts.App
	src, err := tiers.Resolve(app.TiersFlag, app.Env.Var)
	if err != nil {
		return err
	}
	user := tiers.UserConfigPath(app.Env.Var)
	_, statErr := os.Stat(user)
	rep := tiersPathReport{SchemaVersion: 1,
		InEffect: inEffectJSON{Path: src.Path, Reason: src.Reason, Embedded: src.Embedded()},
		EnvVar:   app.Env.Var(tiers.EnvVar),
		UserFile: userFileJSON{Path: user, Exists: statErr == nil}}
	if t, err := tiers.Load(src, tierplan.DefaultTiers); err == nil {
		rep.InEffect.Valid, rep.InEffect.AsOf = true, t.AsOf.Format("2006-01-02")
	}
	switch app.Output {
	case render.FormatJSON:
		return render.JSON(app.Env.Stdout, rep)
	case render.FormatYAML:
		return render.YAML(app.Env.Stdout, rep)
	case render.FormatCSV:
		return render.CSV(app.Env.Stdout, pathCSV(rep))
	}
	var buf bytes.Buffer
	var w io.Writer = &buf
	if app.Output == render.FormatMarkdown {
		w = &markdownListWriter{w: w}
	}
	state := "invalid: `tierplan tiers validate` lists its problems"
	if rep.InEffect.Valid {
		state = "as of " + rep.InEffect.AsOf
	}
	fmt.Fprintf(w, "in effect:        %s; %s\n", src, state)
	env := "not set"
	if rep.EnvVar != "" {
		env = rep.EnvVar
	}
	fmt.Fprintf(w, "$%s:  %s\n", tiers.EnvVar, env)
	userState := "exists"
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		userState = "not created yet; `tierplan tiers init` writes the default there"
	case statErr != nil:
		userState = statErr.Error()
	}
	fmt.Fprintf(w, "user file:        %s (%s)\n", user, userState)
	return render.WriteText(app.Env.Stdout, buf.Bytes())
}

// pathCSV is the report as one row, for scripts that prefer CSV to JSON.
func pathCSV(rep tiersPathReport) render.Grid {
	e := rep.InEffect
	return render.Grid{
		Header: []string{"path", "reason", "embedded", "valid", "as_of", "env_var", "user_file", "user_file_exists"},
		Rows: [][]string{{e.Path, e.Reason, strconv.FormatBool(e.Embedded), strconv.FormatBool(e.Valid), e.AsOf,
			rep.EnvVar, rep.UserFile.Path, strconv.FormatBool(rep.UserFile.Exists)}},
	}
}

// markdownListWriter turns each line written into a Markdown list item, so
// `tiers path -o markdown` pastes into a document as a list.
type markdownListWriter struct {
	w       io.Writer
	midLine bool
}

func (m *markdownListWriter) Write(p []byte) (int, error) {
	var out []byte
	for _, b := range p {
		if !m.midLine {
			out = append(out, "- "...)
			m.midLine = true
		}
		out = append(out, b)
		if b == '\n' {
			m.midLine = false
		}
	}
	if _, err := m.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
