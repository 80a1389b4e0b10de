package chart

import (
	"math"

	"github.com/mattn/go-runewidth"
)

// plotter maps a figure's values onto a canvas.
type plotter struct {
	f        *Figure
	c        *canvas
	xlo, xhi float64
	top      float64
}

// row is the canvas row that holds y.
func (p plotter) row(y float64) int {
	r := int(math.Floor((1 - y/p.top) * float64(p.c.h)))
	return min(max(r, 0), p.c.h-1)
}

// slot is a category's width in columns.
func (p plotter) slot() float64 { return float64(p.c.w) / float64(len(p.f.X.Categories)) }

// colf is the column (fractional) of x: a category's centre, or a point
// on the continuous axis.
func (p plotter) colf(x float64) float64 {
	if len(p.f.X.Categories) > 0 {
		return (x + 0.5) * p.slot()
	}
	return (x - p.xlo) / (p.xhi - p.xlo) * float64(p.c.w-1)
}

func (p plotter) col(x float64) int { return min(max(int(math.Round(p.colf(x))), 0), p.c.w-1) }

func (p plotter) bands() {
	g := '░'
	if p.c.ascii {
		g = '.'
	}
	for _, b := range p.f.Bands {
		for r := p.row(b.Hi); r <= p.row(b.Lo); r++ {
			for x := range p.c.w {
				p.c.set(x, r, g, bandClass)
			}
		}
	}
}

// eighths are the block characters of a bar's top cell, by eighths filled.
var eighths = []rune(" ▁▂▃▄▅▆▇█")

func (p plotter) bars() {
	for i, s := range p.f.Series {
		if s.Kind != Bars {
			continue
		}
		cl := seriesClass(i)
		width, offset := 1, 0.0
		if len(p.f.X.Categories) > 0 {
			sw := p.slot()
			width = max(1, int(sw*0.7))
			offset = -float64(width) / 2
		}
		// Bars that share a column (minutes of a day in fewer columns)
		// show the tallest.
		tallest := map[int]float64{}
		for k, x := range s.X {
			if y := s.Y[k]; !math.IsNaN(y) && y > 0 {
				tallest[p.col(x)] = math.Max(tallest[p.col(x)], y)
			}
		}
		for k, x := range s.X {
			y := s.Y[k]
			if math.IsNaN(y) || y <= 0 || width == 1 && y < tallest[p.col(x)] {
				continue
			}
			start := int(math.Round(p.colf(x) + offset))
			if width == 1 {
				start = p.col(x)
			}
			n8 := int(math.Round(y / p.top * float64(p.c.h) * 8))
			if p.c.ascii {
				n8 = int(math.Round(y/p.top*float64(p.c.h))) * 8
			}
			n8 = max(n8, 1)
			for r := p.c.h - 1; r >= 0 && n8 > 0; r-- {
				g := eighths[min(n8, 8)]
				if p.c.ascii {
					g = '#'
				}
				for col := start; col < start+width; col++ {
					p.c.set(col, r, g, cl)
				}
				n8 -= 8
			}
		}
	}
}

// refs draws the reference lines, then their labels at the right end of
// each (a second label on the same row goes to the left of the first).
func (p plotter) refs() {
	g := '─'
	if p.c.ascii {
		g = '-'
	}
	for _, r := range p.f.Refs {
		for x := range p.c.w {
			p.c.set(x, p.row(r.Y), g, refClass)
		}
	}
	used := map[int]int{} // row → first column taken by a label
	for _, r := range p.f.Refs {
		row := p.row(r.Y)
		end, ok := used[row]
		if !ok {
			end = p.c.w
		}
		label := " " + r.Name + " "
		if start := end - runewidth.StringWidth(label); start >= 0 {
			p.c.text(start, row, label, refClass)
			used[row] = start
		}
	}
}

// marks draws the vertical marks, then their labels from the top, one row
// each, right of the line or left of it where the plot ends.
func (p plotter) marks() {
	g := '│'
	if p.c.ascii {
		g = '|'
	}
	for _, m := range p.f.Marks {
		for r := range p.c.h {
			p.c.set(p.col(m.X), r, g, markClass)
		}
	}
	for i, m := range p.f.Marks {
		col, n := p.col(m.X), runewidth.StringWidth(m.Name)
		start := col + 1
		if start+n > p.c.w {
			start = col - n
		}
		p.c.text(start, i%p.c.h, m.Name, markClass)
	}
}

func (p plotter) lines() {
	for i, s := range p.f.Series {
		if s.Kind != Line {
			continue
		}
		cl := seriesClass(i)
		dx := func(x float64) int { return int(math.Round(p.colf(x) * 2)) }
		dy := func(y float64) int {
			d := int(math.Floor((1 - y/p.top) * float64(p.c.h*4)))
			return min(max(d, 0), p.c.h*4-1)
		}
		if p.c.ascii {
			dx = func(x float64) int { return p.col(x) * 2 }
			dy = func(y float64) int { return p.row(y) * 4 }
		}
		prev := -1
		for k := range s.X {
			if math.IsNaN(s.Y[k]) {
				prev = -1
				continue
			}
			if prev < 0 {
				p.c.dot(dx(s.X[k]), dy(s.Y[k]), cl)
			} else {
				p.c.segment(dx(s.X[prev]), dy(s.Y[prev]), dx(s.X[k]), dy(s.Y[k]), cl)
			}
			prev = k
		}
	}
}

// xTick is a label under the x axis at a column.
type xTick struct {
	col   int
	label string
}

// xTicks are the x axis's labels: every few categories, or nice values.
func (p plotter) xTicks() []xTick {
	var out []xTick
	if cats := p.f.X.Categories; len(cats) > 0 {
		widest := 0
		for _, c := range cats {
			widest = max(widest, runewidth.StringWidth(c))
		}
		every := max(1, int(math.Ceil(float64(widest+1)/p.slot())))
		for i := 0; i < len(cats); i += every {
			out = append(out, xTick{p.col(float64(i)), cats[i]})
		}
		return out
	}
	u := p.f.X.Unit
	n := max(2, p.c.w/12)
	for _, v := range ticks(p.xlo, p.xhi, niceStep(p.xhi-p.xlo, n, u)) {
		out = append(out, xTick{p.col(v), u.Format(v)})
	}
	return out
}
