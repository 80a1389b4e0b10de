package validate

import (
	"fmt"
	"sort"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// strictJSON is one finding of --strict: the figures on one line of the
// file that share a provenance and fall short of it for one reason.
type strictJSON struct {
	Line       int      `json:"line"`
	Reason     string   `json:"reason"` // below_official or too_old
	Figures    []string `json:"figures"`
	Confidence string   `json:"confidence"`
	AsOf       string   `json:"as_of"`
	AgeDays    int      `json:"age_days"`
	Source     string   `json:"source"`
}

// The reasons a figure is listed by --strict.
const (
	reasonBelowOfficial = "below_official"
	reasonTooOld        = "too_old"
)

// strictFindings lists, line by line, the figures whose confidence is
// below official and those read more than maxAge days before now.
func strictFindings(t *tiers.Table, now time.Time, maxAge int) []strictJSON {
	figs := append([]tiers.Figure(nil), t.Figures...)
	sort.SliceStable(figs, func(i, j int) bool { return figs[i].Line < figs[j].Line })
	type key struct {
		line   int
		reason string
		prov   tiers.Provenance
	}
	index := map[key]int{}
	var out []strictJSON
	add := func(f tiers.Figure, reason string) {
		k := key{f.Line, reason, f.Provenance}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, strictJSON{Line: f.Line, Reason: reason, Confidence: string(f.Confidence),
				AsOf: f.AsOfText(), AgeDays: ageDays(f, now), Source: f.Source})
		}
		out[i].Figures = append(out[i].Figures, f.Path)
	}
	for _, f := range figs {
		if f.Confidence.BelowOfficial() {
			add(f, reasonBelowOfficial)
		}
		if ageDays(f, now) > maxAge {
			add(f, reasonTooOld)
		}
	}
	return out
}

func ageDays(f tiers.Figure, now time.Time) int {
	return int(now.Sub(f.AsOf).Hours() / 24)
}

// strictLine is a finding as one FILE:LINE line.
func strictLine(file string, s strictJSON) string {
	what := tiers.CompactPaths(s.Figures, "")
	if s.Reason == reasonBelowOfficial {
		return fmt.Sprintf("%s:%d: %s is %s (as of %s): %s", file, s.Line, what, s.Confidence, s.AsOf, s.Source)
	}
	return fmt.Sprintf("%s:%d: %s was read %d days ago (as of %s): %s", file, s.Line, what, s.AgeDays, s.AsOf, s.Source)
}
