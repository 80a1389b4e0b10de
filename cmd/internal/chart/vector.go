package chart

import (
	"math"
	"strconv"
)

// drawer is what SVG and PNG both draw on: one layout (vectorFigure,
// vectorMeter) drives both, so a chart looks the same in the report, in a
// .svg and in a .png. Classes name what is drawn (title, label, grid, axis,
// band, ref, mark, s0…s3); each drawer gives them their colours.
type drawer interface {
	rect(x, y, w, h float64, cls string)
	line(x0, y0, x1, y1 float64, cls string)
	path(pts [][2]float64, cls string)
	text(x, y float64, s, anchor, cls string)
}

// The size of a vector figure, in CSS pixels.
const (
	vecWidth   = 760
	vecPlotH   = 220
	vecLeft    = 64
	vecRight   = 24
	vecTop     = 44
	vecLegendH = 18
)

func seriesCls(i int) string { return "s" + strconv.Itoa(i%4) }

// vectorSize is the height a figure takes with its legend.
func (f Figure) vectorHeight() int {
	return vecTop + vecPlotH + 48 + vecLegendH*len(f.legendItems())
}

// legendItems are the legend's entries: the class that draws each and its
// name.
func (f Figure) legendItems() [][2]string {
	var out [][2]string
	for i, s := range f.Series {
		if s.Name != "" {
			out = append(out, [2]string{seriesCls(i), s.Name})
		}
	}
	for _, b := range f.Bands {
		out = append(out, [2]string{"band", b.Name})
	}
	for _, r := range f.Refs {
		out = append(out, [2]string{"ref", r.Name})
	}
	for _, m := range f.Marks {
		out = append(out, [2]string{"mark", m.Name})
	}
	return out
}

// draw lays the figure out on d.
func (f Figure) draw(d drawer) {
	xlo, xhi, ymax := f.bounds()
	top, ystep := niceMax(ymax, 5, f.Y.Unit)
	pw := float64(vecWidth - vecLeft - vecRight)
	x0, y0 := float64(vecLeft), float64(vecTop)
	cats := len(f.X.Categories)
	px := func(x float64) float64 {
		if cats > 0 {
			return x0 + (x+0.5)*pw/float64(cats)
		}
		return x0 + (x-xlo)/(xhi-xlo)*pw
	}
	py := func(y float64) float64 { return y0 + (1-math.Min(y, top)/top)*vecPlotH }

	d.text(12, 20, f.Title, "start", "title")
	d.text(x0, y0-10, f.Y.Title, "start", "label")
	for _, v := range ticks(0, top, ystep) {
		d.line(x0, py(v), x0+pw, py(v), "grid")
		d.text(x0-6, py(v)+4, f.Y.Unit.Format(v), "end", "label")
	}
	for _, b := range f.Bands {
		d.rect(x0, py(b.Hi), pw, py(b.Lo)-py(b.Hi), "band")
	}
	for i, s := range f.Series {
		if s.Kind != Bars {
			continue
		}
		bw := 3.0
		if cats > 0 {
			bw = math.Max(1, 0.7*pw/float64(cats))
		}
		for k, x := range s.X {
			if y := s.Y[k]; y > 0 && !math.IsNaN(y) {
				d.rect(px(x)-bw/2, py(y), bw, py(0)-py(y), seriesCls(i))
			}
		}
	}
	for _, r := range f.Refs {
		d.line(x0, py(r.Y), x0+pw, py(r.Y), "ref")
		d.text(x0+pw, py(r.Y)-4, r.Name, "end", "ref")
	}
	for i, m := range f.Marks {
		d.line(px(m.X), y0, px(m.X), y0+vecPlotH, "mark")
		d.text(px(m.X)+4, y0+12+float64(i%4)*14, m.Name, "start", "mark")
	}
	for i, s := range f.Series {
		if s.Kind != Line {
			continue
		}
		var pts [][2]float64
		flush := func() {
			if len(pts) > 0 {
				d.path(pts, seriesCls(i))
			}
			pts = nil
		}
		for k, x := range s.X {
			if math.IsNaN(s.Y[k]) {
				flush()
				continue
			}
			pts = append(pts, [2]float64{px(x), py(s.Y[k])})
		}
		flush()
	}
	d.line(x0, py(0), x0+pw, py(0), "axis")
	for _, t := range f.vectorXTicks(xlo, xhi, pw) {
		d.line(px(t.x), py(0), px(t.x), py(0)+4, "axis")
		d.text(px(t.x), py(0)+18, t.label, "middle", "label")
	}
	d.text(x0+pw, py(0)+36, f.X.Title, "end", "label")
	for i, it := range f.legendItems() {
		y := py(0) + 56 + float64(i*vecLegendH)
		switch it[0] {
		case "band":
			d.rect(x0, y-9, 18, 10, "band")
		case "mark":
			d.line(x0+9, y-10, x0+9, y+2, "mark")
		default:
			d.line(x0, y-4, x0+18, y-4, it[0]+" key")
		}
		d.text(x0+26, y, it[1], "start", "label")
	}
}

type vecTick struct {
	x     float64
	label string
}

// vectorXTicks are about one label per 90 pixels.
func (f Figure) vectorXTicks(xlo, xhi, pw float64) []vecTick {
	var out []vecTick
	n := max(2, int(pw/90))
	if cats := f.X.Categories; len(cats) > 0 {
		every := max(1, int(math.Ceil(float64(len(cats))/float64(n))))
		for i := 0; i < len(cats); i += every {
			out = append(out, vecTick{float64(i), cats[i]})
		}
		return out
	}
	for _, v := range ticks(xlo, xhi, niceStep(xhi-xlo, n, f.X.Unit)) {
		out = append(out, vecTick{v, f.X.Unit.Format(v)})
	}
	return out
}

// The rows of a vector meter.
const (
	meterRowH  = 22
	meterLeft  = 150
	meterRight = 230
)

func (m Meter) vectorHeight() int {
	n := 0
	for _, g := range m.Groups {
		n += len(g.Bars)
	}
	return vecTop + n*meterRowH + 40
}

// draw lays the meter out on d: a bar per limit, the 100% line across.
func (m Meter) draw(d drawer) {
	top := 1.0
	for _, g := range m.Groups {
		for _, b := range g.Bars {
			top = math.Max(top, b.Share)
		}
	}
	bw := float64(vecWidth - meterLeft - meterRight)
	d.text(12, 20, m.Title, "start", "title")
	y := float64(vecTop)
	for _, g := range m.Groups {
		for i, b := range g.Bars {
			if i == 0 {
				d.text(12, y+15, g.Name, "start", "label")
			}
			d.text(meterLeft-8, y+15, b.Label, "end", "label")
			d.rect(meterLeft, y+4, math.Max(1, b.Share/top*bw), meterRowH-8, "s0")
			d.text(meterLeft+bw+12, y+15, shareText(b.Share)+"  "+b.Note, "start", "label")
			y += meterRowH
		}
	}
	lx := meterLeft + bw/top
	d.line(lx, vecTop-4, lx, y+4, "ref")
	d.text(lx, y+20, "100% = the limit", "middle", "ref")
}
