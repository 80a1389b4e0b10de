package usage

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/usage/shape"
	"github.com/tierplan/tierplan/tiers"
)

// shapeReport is usage --shape for every format: json and yaml hold the
// whole report; csv writes one table (the figures, or the first --by
// section); table and markdown show the header, the figures and the --by
// sections.
func shapeReport(rep shape.Report, q shapeQuery) render.Report {
	v := shapeView{rep: rep, loc: q.window.Loc}
	return render.Report{
		Model: rep,
		CSV: func() render.Grid {
			raw := shapeView{rep: rep, loc: q.window.Loc, raw: true}
			if len(q.by) > 0 {
				return raw.csvSection(q.by[0])
			}
			return raw.figureGrid()
		},
		Text: func(p *render.Page) error { return v.writeText(p, q.by) },
	}
}

// writeText writes the table or markdown view.
func (v shapeView) writeText(buf *render.Page, by []string) error {
	md := buf.MD
	v.writeHeader(buf, md)
	title := fmt.Sprintf("Figures over %s", render.Plural(v.rep.WorkSessions, "work session"))
	if err := render.Section(buf, title, v.figureGrid()); err != nil {
		return err
	}
	buf.WriteString(shapeFootnote)
	for _, b := range by {
		var err error
		switch b {
		case "session":
			err = render.Section(buf, "By session (all sessions; JSON holds every figure)", v.sessionGrid())
		case "version":
			err = render.Section(buf, "Median by Claude Code version (the version of a session's first call; n = work sessions)", v.versionGrid())
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// shapeFootnote says how to read the figures table.
const shapeFootnote = `MEDIAN, P10, P90: nearest rank over the sessions that have the figure (each is a value one session had).
POOLED: all work sessions together. Counts and sizes: mean per session; shares and per-call figures: the
sum over sessions divided by the sum (token shares are token-weighted); *_mean: mean of all events; other
durations and compaction sizes: median of all events; burst and max context: the largest.
`

// shapeView renders one report; raw keeps numbers machine-readable (CSV).
type shapeView struct {
	rep shape.Report
	loc *time.Location
	raw bool
}

func (v shapeView) writeHeader(buf *render.Page, md bool) {
	r := v.rep
	nl := "\n"
	if md {
		nl = "  \n"
	}
	fmt.Fprintf(buf, "Session shape: %s, %s (%s); %s, %s%s", render.Plural(r.Files, "file"), render.Plural(r.Lines, "line"),
		byteSize(r.Bytes), render.Plural(r.SessionsRead, "session"), render.Plural(r.WorkSessions, "work session"), nl)
	fmt.Fprintf(buf, "Work sessions have at least %s", render.Plural(r.MinWorkCalls, "main-thread call"))
	if len(r.Excluded) > 0 {
		fmt.Fprintf(buf, "; left out: %s", v.exclusions())
	}
	buf.WriteString("\n")
}

// exclusions lists the sessions left out and why.
func (v shapeView) exclusions() string {
	var parts []string
	for _, e := range v.rep.Excluded {
		parts = append(parts, fmt.Sprintf("%d with %s", e.Sessions, e.Reason))
	}
	return strings.Join(parts, ", ")
}

func (v shapeView) figureGrid() render.Grid {
	g := render.Grid{
		Header:     []string{"FIGURE", "MEDIAN", "P10", "P90", "POOLED", "SESSIONS", "MEANING"},
		RightAlign: []bool{false, true, true, true, true, true, false},
	}
	if v.raw {
		g.Header = []string{"figure", "unit", "median", "p10", "p90", "pooled", "pooled_basis", "sessions", "meaning"}
	}
	for _, f := range v.rep.Figures {
		if v.raw {
			g.Rows = append(g.Rows, []string{f.Name, f.Unit, rawValue(f.Median), rawValue(f.P10), rawValue(f.P90),
				rawValue(f.Pooled), f.PooledBasis, strconv.Itoa(f.Sessions), f.Meaning})
			continue
		}
		g.Rows = append(g.Rows, []string{f.Name, shapeValue(f.Unit, f.Median), shapeValue(f.Unit, f.P10),
			shapeValue(f.Unit, f.P90), shapeValue(f.Unit, f.Pooled), strconv.Itoa(f.Sessions), f.Meaning})
	}
	return g
}

// rawValue is a number as CSV carries it: full precision, empty for none.
func rawValue(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// shapeValue is a figure's value as a reader wants it, "-" for none.
func shapeValue(unit string, p *float64) string {
	if p == nil {
		return "-"
	}
	x := *p
	switch unit {
	case shape.UnitTokens:
		return tiers.GroupDigits(int64(math.Round(x)))
	case shape.UnitShare:
		if x != 0 && x < 0.01 {
			return fmt.Sprintf("%.2f%%", 100*x)
		}
		return fmt.Sprintf("%.1f%%", 100*x)
	case shape.UnitSeconds:
		switch {
		case x < 1:
			return fmt.Sprintf("%.2f s", x)
		case x < 100:
			return fmt.Sprintf("%.1f s", x)
		}
		return tiers.GroupDigits(int64(math.Round(x))) + " s"
	case shape.UnitMinutes:
		return fmt.Sprintf("%.1f min", x)
	case shape.UnitPerMinute:
		return fmt.Sprintf("%.2f/min", x)
	}
	if x == math.Trunc(x) {
		return tiers.GroupDigits(int64(x))
	}
	return fmt.Sprintf("%.1f", x)
}

// cleanText makes text from a transcript safe to print: control characters
// (terminal escapes among them) become '?'.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
