package usage

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/planner/usage"
	"github.com/tierplan/tierplan/tiers"
)

// writeReport renders the report: json and yaml hold all of it; table
// and markdown show the --by sections; csv, a single table, shows the first.
func writeReport(app *cmdutil.App, rep usage.Report, x extras, q query, charts func(*render.Page)) error {
	w := app.Env.Stdout
	full := struct {
		usage.Report
		extras
	}{rep, x}
	switch app.Output {
	case render.FormatJSON:
		return render.JSON(w, full)
	case render.FormatYAML:
		return render.YAML(w, full)
	}
	u := usageView{rep: rep, x: x, loc: q.window.Loc, raw: app.Output == render.FormatCSV, proxy: q.proxy}
	if app.Output == render.FormatCSV {
		return render.CSV(w, csvGrid(u.sections(q.by[:1])[0].grid))
	}
	md := app.Output == render.FormatMarkdown
	buf := app.Page()
	u.writeHeader(buf, md)
	sections := u.sections(q.by)
	if x.history != nil {
		sections = append(sections, u.measuredSection())
	}
	for _, s := range sections {
		if err := writeSection(buf, s, md); err != nil {
			return err
		}
	}
	u.writeFooter(buf, md)
	charts(buf)
	_, err := io.WriteString(w, buf.Escaped())
	return err
}

// writeSection writes a section's title, table and note.
func writeSection(buf *render.Page, s usageSection, md bool) error {
	write := render.Table
	if md {
		fmt.Fprintf(buf, "\n### %s\n\n", s.title)
		write = render.Markdown
	} else {
		fmt.Fprintf(buf, "\n%s\n", s.title)
	}
	if err := write(buf, s.grid); err != nil {
		return err
	}
	if s.note != "" {
		fmt.Fprintln(buf, s.note)
	}
	return nil
}

// usageView renders one report; raw keeps numbers machine-readable (CSV);
// proxy says the report is of a proxy's records, not of logs.
type usageView struct {
	rep   usage.Report
	x     extras
	loc   *time.Location
	raw   bool
	proxy bool
}

type usageSection struct {
	title string
	grid  render.Grid
	note  string
}

func (u usageView) writeHeader(w io.Writer, md bool) {
	r := u.rep
	if u.proxy {
		fmt.Fprintf(w, "Proxy records: %s, %s (projects are developers)", render.Plural(r.Lines, "request"), render.Plural(int(r.Totals.Requests), "API call"))
	} else {
		fmt.Fprintf(w, "Claude Code usage: %s, %s (%s), %s", render.Plural(r.Files, "file"), render.Plural(r.Lines, "line"), byteSize(r.Bytes), render.Plural(int(r.Totals.Requests), "API call"))
	}
	var notes []string
	if r.FilesSkipped > 0 {
		notes = append(notes, fmt.Sprintf("%s older than --since not opened", render.Plural(r.FilesSkipped, "file")))
	}
	if r.DuplicateLines > 0 {
		notes = append(notes, render.Plural(r.DuplicateLines, "duplicate line")+" folded")
	}
	if r.ReplaysDropped > 0 {
		notes = append(notes, render.Plural(r.ReplaysDropped, "sidechain replay")+" dropped")
	}
	if r.BadLines > 0 {
		notes = append(notes, render.Plural(r.BadLines, "unreadable line")+" skipped")
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "; %s", strings.Join(notes, ", "))
	}
	asOf := ""
	if r.TierTableAsOf != "" {
		asOf = " (as of " + r.TierTableAsOf + ")"
	}
	nl := "\n"
	if md {
		nl = "  \n"
	}
	fmt.Fprintf(w, nl+"Prices: %s%s, list prices; times in %s\n", r.TierTable, asOf, r.Timezone)
}

func (u usageView) writeFooter(w io.Writer, md bool) {
	r := u.rep
	t := r.Totals
	fmt.Fprintf(w, "\nTotal: %s tokens (%s input, %s output, %s cache write, %s cache read), %s",
		tiers.GroupDigits(t.TotalTokens), tiers.GroupDigits(t.InputTokens), tiers.GroupDigits(t.OutputTokens), tiers.GroupDigits(t.CacheCreationTokens), tiers.GroupDigits(t.CacheReadTokens), t.CostUSD)
	if t.UnpricedTokens > 0 {
		fmt.Fprintf(w, " + unpriced*")
	}
	fmt.Fprintln(w)
	if t.UnpricedTokens > 0 {
		var names []string
		for _, m := range r.UnknownModels {
			names = append(names, m.Model)
		}
		fmt.Fprintf(w, "* %s tokens of models not in the tier table are not priced: %s\n", tiers.GroupDigits(t.UnpricedTokens), strings.Join(names, ", "))
	}
	if t.LongContextRequests > 0 {
		fmt.Fprintf(w, "%s over the model's long-context threshold: all their tokens priced at the long-context rate\n", render.Plural(int(t.LongContextRequests), "request"))
	}
	if t.WebSearchRequests > 0 {
		fmt.Fprintf(w, "%s: billed per search, not per token; not in the cost\n", render.Plural(int(t.WebSearchRequests), "web search request"))
	}
	if len(r.LimitHits) > 0 {
		if u.proxy {
			fmt.Fprintf(w, "\n429s the proxy recorded:\n")
		} else {
			fmt.Fprintf(w, "\nLimit hits recorded by Claude Code:\n")
		}
		for _, h := range r.LimitHits {
			reset := "reset time not given"
			if !h.ResetAt.IsZero() {
				reset = "resets " + u.when(h.ResetAt)
			}
			item := "  "
			if md {
				item = "- "
			}
			fmt.Fprintf(w, "%s%s  %s limit, %s  (session %s, %s)\n", item, u.when(h.Time), h.Kind, reset, shortID(h.SessionID), h.Project)
		}
	}
}

func (u usageView) when(t time.Time) string { return t.In(u.loc).Format("2006-01-02 15:04") }

func (u usageView) sections(by []string) []usageSection {
	var out []usageSection
	for _, b := range by {
		switch b {
		case "day":
			out = append(out, u.daySection())
		case "session":
			out = append(out, u.sessionSection())
		case "project":
			out = append(out, u.projectSection())
		case "model":
			out = append(out, u.modelSection())
		case "week":
			out = append(out, u.weekSection())
		case "month":
			out = append(out, u.monthSection())
		case "block":
			if u.x.plan != nil {
				out = append(out, u.planBlockSection())
			} else {
				s := u.blockSection()
				s.note = u.activeNote()
				out = append(out, s)
			}
		case "minute":
			out = append(out, u.minuteSections()...)
		}
	}
	return out
}

// sumHeader and sumCells are the numeric columns every grouping shares.
var sumHeader = []string{"REQUESTS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "TOTAL TOKENS", "COST"}

func (u usageView) sumCells(s usage.Sum) []string {
	cost := s.CostUSD.String()
	switch {
	case u.raw:
		cost = s.CostUSD.Decimal()
	case s.UnpricedTokens > 0 && s.UnpricedTokens == s.TotalTokens:
		cost = "not priced *"
	case s.UnpricedTokens > 0:
		cost += " *"
	}
	return []string{u.n(s.Requests), u.n(s.InputTokens), u.n(s.OutputTokens), u.n(s.CacheCreationTokens), u.n(s.CacheReadTokens), u.n(s.TotalTokens), cost}
}

func (u usageView) n(v int64) string {
	if u.raw {
		return strconv.FormatInt(v, 10)
	}
	return tiers.GroupDigits(v)
}

func (u usageView) grid(keys []string, rows [][]string, total []string) render.Grid {
	g := render.Grid{Header: append(append([]string{}, keys...), sumHeader...)}
	for i := range g.Header {
		g.RightAlign = append(g.RightAlign, i >= len(keys))
	}
	g.Rows = rows
	if total != nil && !u.raw {
		g.Rows = append(g.Rows, total)
	}
	return g
}

func (u usageView) totalRow(keys int) []string {
	row := make([]string, keys)
	row[0] = "Total"
	return append(row, u.sumCells(u.rep.Totals)...)
}

func (u usageView) daySection() usageSection {
	var rows [][]string
	for _, d := range u.rep.Days {
		rows = append(rows, append([]string{d.Date}, u.sumCells(d.Sum)...))
	}
	return usageSection{title: "By day", grid: u.grid([]string{"DATE"}, rows, u.totalRow(1))}
}

func (u usageView) sessionSection() usageSection {
	var rows [][]string
	for _, s := range u.rep.Sessions {
		id := s.SessionID
		if !u.raw {
			id = shortID(id)
		}
		rows = append(rows, append([]string{id, s.Project, u.when(s.Start), u.n(s.SubagentRequests)}, u.sumCells(s.Sum)...))
	}
	return usageSection{title: "By session (subagent work included)", grid: u.grid([]string{"SESSION", "PROJECT", "START", "SUBAGENT CALLS"}, rows, u.totalRow(4))}
}

func (u usageView) projectSection() usageSection {
	var rows [][]string
	for _, p := range u.rep.Projects {
		rows = append(rows, append([]string{p.Project, u.n(int64(p.Sessions))}, u.sumCells(p.Sum)...))
	}
	return usageSection{title: "By project", grid: u.grid([]string{"PROJECT", "SESSIONS"}, rows, u.totalRow(2))}
}

func (u usageView) modelSection() usageSection {
	var rows [][]string
	for _, m := range u.rep.Models {
		priced := m.TableModel
		if m.Unknown {
			priced = "not in table"
		}
		rows = append(rows, append([]string{m.Model, priced, m.Pool}, u.sumCells(m.Sum)...))
	}
	return usageSection{title: "By model", grid: u.grid([]string{"MODEL", "PRICED AS", "POOL"}, rows, u.totalRow(3))}
}

func (u usageView) blockSection() usageSection {
	var rows [][]string
	for _, b := range u.rep.Blocks {
		hits := ""
		if b.LimitHits > 0 {
			hits = strconv.Itoa(b.LimitHits)
		}
		rows = append(rows, append([]string{u.when(b.Start), u.when(b.End), hits}, u.sumCells(b.Sum)...))
	}
	return usageSection{
		title: "By 5-hour block (start = first call floored to the UTC hour; a new block after 5 h or a 5-h gap)",
		grid:  u.grid([]string{"START", "END", "LIMIT HITS"}, rows, nil),
	}
}

// byteSize renders a size in kB, MB or GB (powers of 1000).
func byteSize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f kB", float64(n)/1e3)
}
