package tiers

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Confidence says how directly a figure comes from the vendor.
type Confidence string

// The confidences, from the most direct to the least.
const (
	// Official: read on the vendor's own page.
	Official Confidence = "official"
	// OfficialMirror: read on a copy of a vendor page (a mirror repository
	// at a known commit, another cloud's copy of the vendor's document).
	OfficialMirror Confidence = "official-mirror"
	// ThirdParty: reported by someone other than the vendor: a blog, a
	// reseller, an aggregator, a tool's release notes, an issue thread.
	ThirdParty Confidence = "third-party"
	// Estimate: inferred, measured by users, or derived by applying a rule
	// to other figures where no one published the figure itself.
	Estimate Confidence = "estimate"
)

// Confidences lists every confidence, most direct first.
var Confidences = []Confidence{Official, OfficialMirror, ThirdParty, Estimate}

func (c Confidence) rank() int {
	for i, x := range Confidences {
		if x == c {
			return i
		}
	}
	return len(Confidences)
}

// BelowOfficial reports whether c is anything less than official.
func (c Confidence) BelowOfficial() bool { return c.rank() > 0 }

// Provenance is where a figure comes from: its source, the day it was read
// and how directly it comes from the vendor. A figure that names none of them
// inherits each from the block around it, and in the end from the table.
type Provenance struct {
	Source     string
	AsOf       time.Time
	Confidence Confidence
}

// Figure is one number (or accounting rule) a vendor sets, as read from a
// table: its path in the file's own words ("tiers.start.limits.sonnet-4.itpm"),
// its value as a user reads it, the line it is on, and its provenance.
type Figure struct {
	// Key is the path's parts: section, item, keys ("tiers", "start",
	// "limits", "sonnet-4", "itpm"); names may hold dots, parts never mix.
	Key   []string
	Path  string
	Value string
	Line  int
	Provenance
}

// AsOfText is the figure's as_of as written, YYYY-MM-DD.
func (f Figure) AsOfText() string { return f.AsOf.Format(time.DateOnly) }

// FiguresUnder lists the figures whose key starts with one of prefixes,
// part by part ({"models", "opus-5"} takes opus-5's figures, not
// opus-5.5's); no prefixes lists them all.
func (t *Table) FiguresUnder(prefixes ...[]string) []Figure {
	if len(prefixes) == 0 {
		return t.Figures
	}
	var out []Figure
	for _, f := range t.Figures {
		for _, p := range prefixes {
			if len(p) <= len(f.Key) && slices.Equal(f.Key[:len(p)], p) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Oldest is the figure read longest ago (the first in table order among
// equals); false when there is none.
func Oldest(figs []Figure) (Figure, bool) {
	if len(figs) == 0 {
		return Figure{}, false
	}
	best := figs[0]
	for _, f := range figs[1:] {
		if f.AsOf.Before(best.AsOf) {
			best = f
		}
	}
	return best, true
}

// ProvenanceGroup is the figures that share one provenance, for reports that
// list sources once each.
type ProvenanceGroup struct {
	Provenance
	Paths []string
}

// GroupByProvenance gathers figures by provenance, least confident and
// oldest first, so what deserves a second look comes first.
func GroupByProvenance(figs []Figure) []ProvenanceGroup {
	var out []ProvenanceGroup
	index := map[Provenance]int{}
	for _, f := range figs {
		i, ok := index[f.Provenance]
		if !ok {
			i = len(out)
			index[f.Provenance] = i
			out = append(out, ProvenanceGroup{Provenance: f.Provenance})
		}
		out[i].Paths = append(out[i].Paths, f.Path)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Confidence.rank() != b.Confidence.rank() {
			return a.Confidence.rank() > b.Confidence.rank()
		}
		return a.AsOf.Before(b.AsOf)
	})
	return out
}

// CompactPaths writes figure paths briefly: the paths that share a parent
// are written once with their last parts in braces,
// "limits.sonnet-4.{rpm,itpm,otpm}"; prefix, when set, is cut from each.
func CompactPaths(paths []string, prefix string) string {
	type group struct {
		parent string
		leaves []string
	}
	var groups []group
	for _, p := range paths {
		p = strings.TrimPrefix(p, prefix)
		parent, leaf := "", p
		if i := strings.LastIndexByte(p, '.'); i >= 0 {
			parent, leaf = p[:i], p[i+1:]
		}
		if n := len(groups); n > 0 && groups[n-1].parent == parent {
			groups[n-1].leaves = append(groups[n-1].leaves, leaf)
			continue
		}
		groups = append(groups, group{parent, []string{leaf}})
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		switch {
		case g.parent == "":
			parts[i] = strings.Join(g.leaves, ", ")
		case len(g.leaves) == 1:
			parts[i] = g.parent + "." + g.leaves[0]
		default:
			parts[i] = g.parent + ".{" + strings.Join(g.leaves, ",") + "}"
		}
	}
	return strings.Join(parts, ", ")
}

// Describe is a provenance in one line: "third-party, as of 2026-10-08: SOURCE".
func (p Provenance) Describe() string {
	return fmt.Sprintf("%s, as of %s: %s", p.Confidence, p.AsOf.Format(time.DateOnly), p.Source)
}
