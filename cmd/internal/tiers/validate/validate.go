// Package validate is `tierplan tiers validate`: tier tables parsed as
// strictly as every command does, every problem listed at once as
// FILE:LINE: what is wrong.
package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/cmd/internal/tiers/shared"
	"github.com/tierplan/tierplan/tiers"
)

// validateReport is `tiers validate -o json`: one entry per file.
type validateReport struct {
	SchemaVersion int                `json:"schema_version"`
	Files         []validateFileJSON `json:"files"`
}

type validateFileJSON struct {
	File     string        `json:"file"`
	Valid    bool          `json:"valid"`
	AsOf     string        `json:"as_of,omitempty"`
	Models   int           `json:"models"`
	Tiers    int           `json:"tiers"`
	Plans    int           `json:"plans"`
	Warning  string        `json:"warning,omitempty"`
	Problems []problemJSON `json:"problems"`
	// Warnings are what a valid table may still get wrong (match prefixes
	// that shadow each other, a source cut short by a comment).
	Warnings []problemJSON `json:"warnings"`
	// Strict lists, with --strict, the figures below official confidence
	// and those older than --max-age days.
	Strict []strictJSON `json:"strict,omitempty"`
	// unreadable: the file could not be read at all (missing, a
	// directory): an error, not a problem list.
	unreadable bool
}

type problemJSON struct {
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Options are tiers validate's command line.
type Options struct {
	App *cmdutil.App
	// Files are the tables to check; none means the table in effect.
	Files []string
	// Strict is --strict: list the figures below official confidence and
	// those older than MaxAge days, and exit 1 when there are any.
	Strict bool
	MaxAge int
}

// NewCmdValidate is the tiers validate command; runF, when set, runs instead
// of validateRun (tests check flag parsing with it).
func NewCmdValidate(app *cmdutil.App, runF func(*Options) error) *cobra.Command {
	opts := &Options{App: app}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check tier tables; every problem with its line",
		Long: `validate parses each FILE (default: the table in effect) as strictly as every
other command does and lists every problem at once, one per line as
FILE:LINE: what is wrong, so an editor can jump to each, then warnings that do
not make a table invalid (match prefixes that shadow each other). It exits 0
when every file is valid and 1 otherwise.

--strict also lists, line by line, every figure whose confidence is below
official (official-mirror, third-party, estimate) and every figure read more
than --max-age days ago, and exits 1 when there is any.`,
		Example: `  tierplan tiers validate ~/.config/tierplan/tiers.yaml
  tierplan tiers validate tiers/examples/*.yaml
  tierplan tiers validate --strict --max-age 90
  tierplan tiers validate -o json my-tiers.yaml`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Files = args
			if opts.MaxAge < 0 {
				return cmdutil.UsageErrorf("--max-age %d: give a number of days, 0 or more", opts.MaxAge)
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "also list figures below official confidence and figures older than --max-age days; exit 1 when there are any")
	cmd.Flags().IntVar(&opts.MaxAge, "max-age", int(tiers.StaleAfter.Hours()/24), "with --strict: the age in `DAYS` past which a figure is listed")
	return cmd
}

// validateRun checks every file and reports them all; any invalid file makes
// the exit code 1.
func validateRun(opts *Options) error {
	app, files := opts.App, opts.Files
	rep := validateReport{SchemaVersion: 1}
	if len(files) == 0 {
		src, err := tiers.Resolve(app.TiersFlag, app.Env.Var)
		if err != nil {
			return err
		}
		rep.Files = append(rep.Files, validateOne(app, src, opts))
	}
	for _, f := range files {
		src := tiers.Source{Path: f, Reason: "argument"}
		if f == shared.EmbeddedName {
			if _, err := os.Stat(f); err != nil {
				src = tiers.Source{} // "default" names the built-in table, as in tiers diff
			}
		}
		rep.Files = append(rep.Files, validateOne(app, src, opts))
	}
	if err := writeValidateReport(app, rep); err != nil {
		return err
	}
	for _, f := range rep.Files {
		if !f.Valid || len(f.Strict) > 0 {
			return cmdutil.SilentExit(cmdutil.ExitError)
		}
	}
	return nil
}

func validateOne(app *cmdutil.App, src tiers.Source, opts *Options) validateFileJSON {
	name := src.Path
	if src.Embedded() {
		name = "tiers.yaml (embedded)"
	}
	out := validateFileJSON{File: name, Problems: []problemJSON{}, Warnings: []problemJSON{}}
	t, err := tiers.Load(src, tierplan.DefaultTiers)
	if err != nil {
		var pe *tiers.ParseError
		if errors.As(err, &pe) {
			for _, p := range pe.Problems {
				out.Problems = append(out.Problems, problemJSON{p.Line, p.Msg})
			}
		} else if fe := (*fs.PathError)(nil); errors.As(err, &fe) {
			out.Problems = append(out.Problems, problemJSON{Message: fe.Err.Error()})
			out.unreadable = true
		} else {
			out.Problems = append(out.Problems, problemJSON{Message: err.Error()})
		}
		return out
	}
	t.Origin = name
	out.Valid, out.AsOf = true, t.AsOf.Format("2006-01-02")
	out.Models, out.Tiers, out.Plans = len(t.Models), len(t.Tiers), len(t.Plans)
	out.Warning = tiers.StalenessWarning(t, app.Env.Clock())
	for _, w := range t.Warnings {
		out.Warnings = append(out.Warnings, problemJSON{w.Line, w.Msg})
	}
	if opts.Strict {
		out.Strict = strictFindings(t, app.Env.Clock(), opts.MaxAge)
	}
	return out
}

// writeValidateReport prints problems to stderr in FILE:LINE form and a
// line per valid file to stdout; json and yaml put everything on stdout.
func writeValidateReport(app *cmdutil.App, rep validateReport) error {
	switch app.Output {
	case render.FormatJSON:
		return render.JSON(app.Env.Stdout, rep)
	case render.FormatYAML:
		return render.YAML(app.Env.Stdout, rep)
	case render.FormatCSV:
		return render.CSV(app.Env.Stdout, validateCSV(rep))
	}
	var out, errs bytes.Buffer
	for _, f := range rep.Files {
		if !f.Valid {
			for _, p := range f.Problems {
				switch {
				case f.unreadable:
					// Not a problem in the file but no file to check: said
					// as every command says an error.
					fmt.Fprintf(&errs, "tierplan: %s: %s\n", f.File, p.Message)
				case p.Line > 0:
					fmt.Fprintf(&errs, "%s:%d: %s\n", f.File, p.Line, p.Message)
				default:
					fmt.Fprintf(&errs, "%s: %s\n", f.File, p.Message)
				}
			}
			continue
		}
		fmt.Fprintf(&out, "%s: valid (%s, %s, %s; as of %s)\n", f.File,
			render.Plural(f.Models, "model"), render.Plural(f.Tiers, "tier"), render.Plural(f.Plans, "plan"), f.AsOf)
		if f.Warning != "" {
			fmt.Fprintf(&errs, "tierplan: warning: %s\n", f.Warning)
		}
		for _, w := range f.Warnings {
			fmt.Fprintf(&errs, "%s:%d: warning: %s\n", f.File, w.Line, w.Message)
		}
		for _, s := range f.Strict {
			fmt.Fprintln(&out, strictLine(f.File, s))
		}
	}
	if err := render.WriteText(app.Env.Stderr, errs.Bytes()); err != nil {
		return err
	}
	return render.WriteText(app.Env.Stdout, out.Bytes())
}

// validateCSV is one row per problem (line empty when the problem has none),
// and one row with no problem for a valid file; counts are plain numbers.
func validateCSV(rep validateReport) render.Grid {
	g := render.Grid{Header: []string{"file", "valid", "as_of", "models", "tiers", "plans", "line", "problem", "warning"}}
	for _, f := range rep.Files {
		base := []string{f.File, strconv.FormatBool(f.Valid), f.AsOf,
			strconv.Itoa(f.Models), strconv.Itoa(f.Tiers), strconv.Itoa(f.Plans)}
		if len(f.Problems) == 0 {
			g.Rows = append(g.Rows, append(base, "", "", f.Warning))
		}
		for _, p := range f.Problems {
			line := ""
			if p.Line > 0 {
				line = strconv.Itoa(p.Line)
			}
			g.Rows = append(g.Rows, append(append([]string{}, base...), line, p.Message, f.Warning))
		}
	}
	return g
}
