package chart

import (
	"fmt"
	"html"
	"strings"
)

// Stylesheet is the CSS the SVG charts draw with: light and dark (by the
// reader's prefers-color-scheme), and plain for print. The HTML report puts
// it in its head once; a standalone .svg carries it inside.
const Stylesheet = `svg.tp-chart{--fg:#1f2328;--muted:#59636e;--grid:#d1d9e0;--s0:#0969da;--s1:#8250df;--s2:#1a7f37;--s3:#9a6700;--ref:#bc4c00;--mark:#cf222e;--band:rgba(9,105,218,.14);max-width:100%;height:auto}
@media (prefers-color-scheme:dark){svg.tp-chart{--fg:#e6edf3;--muted:#9198a1;--grid:#3d444d;--s0:#4493f8;--s1:#ab7df8;--s2:#3fb950;--s3:#d29922;--ref:#f0883e;--mark:#f85149;--band:rgba(68,147,248,.2)}}
@media print{svg.tp-chart{--fg:#000;--muted:#333;--grid:#ccc;--band:rgba(0,0,0,.1)}}
svg.tp-chart text{fill:var(--fg);font:12px system-ui,-apple-system,"Segoe UI",sans-serif}
svg.tp-chart text.title{font-size:15px;font-weight:600}
svg.tp-chart text.label{fill:var(--muted)}
svg.tp-chart text.ref{fill:var(--ref)}
svg.tp-chart text.mark{fill:var(--mark)}
svg.tp-chart .grid{stroke:var(--grid);stroke-width:1}
svg.tp-chart .axis{stroke:var(--muted);stroke-width:1}
svg.tp-chart line.ref{stroke:var(--ref);stroke-width:1.5;stroke-dasharray:6 4}
svg.tp-chart line.mark{stroke:var(--mark);stroke-width:1.5}
svg.tp-chart rect.band{fill:var(--band)}
svg.tp-chart path{fill:none;stroke-width:2;stroke-linejoin:round}
svg.tp-chart path.s0,svg.tp-chart line.s0{stroke:var(--s0)}
svg.tp-chart path.s1,svg.tp-chart line.s1{stroke:var(--s1)}
svg.tp-chart path.s2,svg.tp-chart line.s2{stroke:var(--s2)}
svg.tp-chart path.s3,svg.tp-chart line.s3{stroke:var(--s3)}
svg.tp-chart line.key{stroke-width:3}
svg.tp-chart rect.s0{fill:var(--s0)}
svg.tp-chart rect.s1{fill:var(--s1)}
svg.tp-chart rect.s2{fill:var(--s2)}
svg.tp-chart rect.s3{fill:var(--s3)}
`

// SVG is the figure as an <svg> element for an HTML page (the page carries
// Stylesheet).
func (f Figure) SVG() string { return svgOf(f.Title, f.vectorHeight(), f.draw) }

// SVG is the meter as an <svg> element for an HTML page.
func (m Meter) SVG() string { return svgOf(m.Title, m.vectorHeight(), m.draw) }

// Standalone wraps an <svg> element from SVG as a file of its own, with
// its stylesheet inside.
func Standalone(svg string) string {
	svg = strings.Replace(svg, "<svg ", `<svg xmlns="http://www.w3.org/2000/svg" `, 1)
	i := strings.Index(svg, ">") + 1
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + svg[:i] + "<style>" + Stylesheet + "</style>" + svg[i:]
}

func svgOf(title string, height int, draw func(drawer)) string {
	s := &svgDrawer{}
	fmt.Fprintf(&s.b, `<svg class="tp-chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		vecWidth, height, vecWidth, height, html.EscapeString(title))
	fmt.Fprintf(&s.b, "<title>%s</title>", html.EscapeString(title))
	draw(s)
	s.b.WriteString("</svg>")
	return s.b.String()
}

// svgDrawer writes SVG elements with classes the stylesheet colours.
type svgDrawer struct{ b strings.Builder }

func num(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

func (s *svgDrawer) rect(x, y, w, h float64, cls string) {
	fmt.Fprintf(&s.b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`, cls, num(x), num(y), num(w), num(h))
}

func (s *svgDrawer) line(x0, y0, x1, y1 float64, cls string) {
	fmt.Fprintf(&s.b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s"/>`, cls, num(x0), num(y0), num(x1), num(y1))
}

func (s *svgDrawer) path(pts [][2]float64, cls string) {
	fmt.Fprintf(&s.b, `<path class="%s" d="`, cls)
	for i, p := range pts {
		if i == 0 {
			s.b.WriteString("M")
		} else {
			s.b.WriteString(" L")
		}
		s.b.WriteString(num(p[0]) + " " + num(p[1]))
	}
	s.b.WriteString(`"/>`)
}

func (s *svgDrawer) text(x, y float64, t, anchor, cls string) {
	if t == "" {
		return
	}
	fmt.Fprintf(&s.b, `<text class="%s" x="%s" y="%s" text-anchor="%s">%s</text>`, cls, num(x), num(y), anchor, html.EscapeString(t))
}

// StepPath is SVG path data for readings that each hold until the next
// (a bucket's level between two rate-limit headers): the line to right,
// and the area under it down to bottom. Points are in SVG coordinates.
func StepPath(pts [][2]float64, right, bottom float64) (line, area string) {
	if len(pts) == 0 {
		return "", ""
	}
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			fmt.Fprintf(&b, "M%.1f %.1f", p[0], p[1])
			continue
		}
		fmt.Fprintf(&b, " H%.1f V%.1f", p[0], p[1])
	}
	fmt.Fprintf(&b, " H%s", num(right))
	line = b.String()
	return line, fmt.Sprintf("%s V%s H%.1f Z", line, num(bottom), pts[0][0])
}
