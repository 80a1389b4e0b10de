package chart

import (
	"math"

	charts "github.com/go-analyze/charts"
)

// PNG draws the figure as a PNG image, at twice its CSS size so it stays
// sharp on a high-density screen, in the light palette (an image cannot
// follow the reader's colour scheme).
func (f Figure) PNG() ([]byte, error) { return pngOf(f.vectorHeight(), f.draw) }

// PNG draws the meter as a PNG image.
func (m Meter) PNG() ([]byte, error) { return pngOf(m.vectorHeight(), m.draw) }

// pngScale is the image's pixels per CSS pixel.
const pngScale = 2

func pngOf(height int, draw func(drawer)) ([]byte, error) {
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: vecWidth * pngScale, Height: height * pngScale})
	white := charts.Color{R: 255, G: 255, B: 255, A: 255}
	p.FilledRect(0, 0, vecWidth*pngScale, height*pngScale, white, white, 0)
	draw(&pngDrawer{p: p})
	return p.Bytes()
}

// The light palette of Stylesheet, for PNG.
var pngColors = map[string]charts.Color{
	"title": rgb(0x1f2328), "label": rgb(0x59636e), "grid": rgb(0xd1d9e0), "axis": rgb(0x59636e),
	"s0": rgb(0x0969da), "s1": rgb(0x8250df), "s2": rgb(0x1a7f37), "s3": rgb(0x9a6700),
	"ref": rgb(0xbc4c00), "mark": rgb(0xcf222e), "band": {R: 9, G: 105, B: 218, A: 36},
}

func rgb(v uint32) charts.Color {
	return charts.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// pngDrawer draws through go-analyze/charts' painter (its rasteriser and
// embedded font), scaled by pngScale.
type pngDrawer struct{ p *charts.Painter }

func color(cls string) charts.Color {
	for _, c := range []string{"s0", "s1", "s2", "s3", "ref", "mark", "band", "grid", "axis", "title", "label"} {
		if len(cls) >= len(c) && cls[:len(c)] == c {
			return pngColors[c]
		}
	}
	return pngColors["label"]
}

func px(v float64) int { return int(math.Round(v * pngScale)) }

func (d *pngDrawer) rect(x, y, w, h float64, cls string) {
	c := color(cls)
	d.p.FilledRect(px(x), px(y), px(x+w), px(y+h), c, c, 0)
}

func (d *pngDrawer) line(x0, y0, x1, y1 float64, cls string) {
	pts := []charts.Point{{X: px(x0), Y: px(y0)}, {X: px(x1), Y: px(y1)}}
	width := 2.0
	switch {
	case cls == "ref":
		d.p.DashedLineStroke(pts, color(cls), 3, []float64{12, 8})
		return
	case cls == "grid" || cls == "axis":
		width = 1.5
	case len(cls) > 4 && cls[len(cls)-4:] == " key":
		width = 6
	}
	d.p.LineStroke(pts, color(cls), width)
}

func (d *pngDrawer) path(pts [][2]float64, cls string) {
	out := make([]charts.Point, len(pts))
	for i, p := range pts {
		out[i] = charts.Point{X: px(p[0]), Y: px(p[1])}
	}
	d.p.LineStroke(out, color(cls), 4)
}

func (d *pngDrawer) text(x, y float64, s, anchor, cls string) {
	if s == "" {
		return
	}
	size := 12.0
	if cls == "title" {
		size = 15
	}
	style := charts.FontStyle{FontSize: size * pngScale * 0.75, FontColor: color(cls)}
	w := d.p.MeasureText(s, 0, style).Width()
	left := px(x)
	switch anchor {
	case "middle":
		left -= w / 2
	case "end":
		left -= w
	}
	d.p.Text(s, left, px(y), 0, style)
}
