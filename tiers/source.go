package tiers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// EnvVar names the environment variable that points at a tier table.
const EnvVar = "TIERPLAN_TIERS"

// Source says which tier table is in effect and why.
type Source struct {
	// Path is the file to read; empty for the embedded default.
	Path string
	// Reason is how it was chosen: "--tiers", "$TIERPLAN_TIERS", "user config
	// file" or "embedded default".
	Reason string
}

// Embedded reports whether the source is the built-in table.
func (s Source) Embedded() bool { return s.Path == "" }

// String names the source for reports: "tiers.yaml (--tiers)".
func (s Source) String() string {
	if s.Embedded() {
		return "embedded default"
	}
	return s.Path + " (" + s.Reason + ")"
}

// UserConfigPath is where the user's own table lives:
// $XDG_CONFIG_HOME/tierplan/tiers.yaml (~/.config/tierplan/tiers.yaml).
func UserConfigPath(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tierplan", "tiers.yaml")
	}
	return filepath.Join(xdg.ConfigHome, "tierplan", "tiers.yaml")
}

// Resolve picks the table in effect: the --tiers flag, else $TIERPLAN_TIERS,
// else the user's config file if it exists, else the embedded default.
func Resolve(flagPath string, getenv func(string) string) (Source, error) {
	if flagPath != "" {
		return Source{Path: flagPath, Reason: "--tiers"}, nil
	}
	if p := getenv(EnvVar); p != "" {
		return Source{Path: p, Reason: "$" + EnvVar}, nil
	}
	p := UserConfigPath(getenv)
	if _, err := os.Stat(p); err == nil {
		return Source{Path: p, Reason: "user config file"}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Source{}, fmt.Errorf("user tier table %s: %w", p, err)
	}
	return Source{Reason: "embedded default"}, nil
}

// StaleAfter is how old a table's as_of may be before reports warn.
const StaleAfter = 180 * 24 * time.Hour

// FutureSlack is how far after now an as_of may lie before reports warn: a
// day covers a table dated in a time zone ahead of the reader's.
const FutureSlack = 24 * time.Hour

// StalenessWarning returns a one-line warning when the table's as_of is older
// than StaleAfter at now, naming its source to check, or when as_of lies more
// than FutureSlack after now (a mistyped year would otherwise keep a table
// "fresh" for ever and silence the staleness warning); "" otherwise.
func StalenessWarning(t *Table, now time.Time) string {
	if t.AsOf.IsZero() {
		return ""
	}
	if t.AsOf.Sub(now) > FutureSlack {
		return fmt.Sprintf("tier table %s: as_of %s is in the future; check the date",
			t.Origin, t.AsOf.Format("2006-01-02"))
	}
	if now.Sub(t.AsOf) <= StaleAfter {
		return ""
	}
	days := int(now.Sub(t.AsOf).Hours() / 24)
	return fmt.Sprintf("tier table %s is %d days old (as_of %s); vendors change limits without notice: check %s",
		t.Origin, days, t.AsOf.Format("2006-01-02"), t.Source)
}

// StaleFiguresWarning is the staleness warning for an answer that rests on
// figs: when the oldest of them was read more than StaleAfter before now,
// it names that figure, its date and its source; a figure dated more than
// FutureSlack after now is named too (a mistyped year). With no figures it
// is StalenessWarning, on the table's own as_of.
func StaleFiguresWarning(t *Table, now time.Time, figs []Figure) string {
	if len(figs) == 0 {
		return StalenessWarning(t, now)
	}
	for _, f := range figs {
		if f.AsOf.Sub(now) > FutureSlack {
			return fmt.Sprintf("tier table %s: %s has as_of %s, in the future; check the date (line %d)",
				t.Origin, f.Path, f.AsOfText(), f.Line)
		}
	}
	old, _ := Oldest(figs)
	if old.AsOf.Equal(t.AsOf) {
		return StalenessWarning(t, now) // no figure older than the table: its date says it all
	}
	if old.AsOf.IsZero() || now.Sub(old.AsOf) <= StaleAfter {
		return ""
	}
	days := int(now.Sub(old.AsOf).Hours() / 24)
	return fmt.Sprintf("tier table %s: the oldest figure this answer used, %s (%s), is %d days old (as_of %s); vendors change limits without notice: check %s",
		t.Origin, old.Path, old.Value, days, old.AsOfText(), old.Source)
}
