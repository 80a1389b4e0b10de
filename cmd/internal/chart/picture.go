package chart

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tierplan/tierplan/internal/userfile"
)

// Picture is a chart of either kind, Figure or Meter.
type Picture interface {
	Text(Style) string
	SVG() string
	PNG() ([]byte, error)
	draw(drawer)
	vectorHeight() int
}

var (
	_ Picture = Figure{}
	_ Picture = Meter{}
)

// stack draws pictures one under another, as one image.
type stack []Picture

func (s stack) vectorHeight() int {
	h := 0
	for _, p := range s {
		h += p.vectorHeight()
	}
	return h
}

func (s stack) draw(d drawer) {
	y := 0.0
	for _, p := range s {
		p.draw(shifted{d, y})
		y += float64(p.vectorHeight())
	}
}

// shifted moves everything drawn on it down by dy.
type shifted struct {
	d  drawer
	dy float64
}

func (s shifted) rect(x, y, w, h float64, cls string) { s.d.rect(x, y+s.dy, w, h, cls) }
func (s shifted) line(x0, y0, x1, y1 float64, cls string) {
	s.d.line(x0, y0+s.dy, x1, y1+s.dy, cls)
}
func (s shifted) text(x, y float64, t, anchor, cls string) { s.d.text(x, y+s.dy, t, anchor, cls) }
func (s shifted) path(pts [][2]float64, cls string) {
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i] = [2]float64{p[0], p[1] + s.dy}
	}
	s.d.path(out, cls)
}

// CheckFile says whether path names a file WriteFile can write: .svg or
// .png.
func CheckFile(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg", ".png":
		return nil
	}
	return fmt.Errorf("%s: a chart file ends in .svg or .png", path)
}

// WriteFile writes the pictures, one under another, to path as SVG or PNG
// by its extension; the file appears whole or not at all.
func WriteFile(path string, pics ...Picture) error {
	if err := CheckFile(path); err != nil {
		return err
	}
	if len(pics) == 0 {
		return fmt.Errorf("%s: nothing to draw", path)
	}
	var data []byte
	if strings.EqualFold(filepath.Ext(path), ".svg") {
		data = []byte(Standalone(svgOf(title(pics), stack(pics).vectorHeight(), stack(pics).draw)) + "\n")
	} else {
		b, err := pngOf(stack(pics).vectorHeight(), stack(pics).draw)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		data = b
	}
	// userfile: a link is followed, a device or pipe written through, only
	// a regular file replaced (renameio replaced whatever path was).
	if err := userfile.WriteFile(path, data, userfile.Options{}); err != nil {
		return fmt.Errorf("chart file: %w", err)
	}
	return nil
}

// title names a stack of pictures by their titles.
func title(pics []Picture) string {
	var names []string
	for _, p := range pics {
		switch x := p.(type) {
		case Figure:
			names = append(names, x.Title)
		case Meter:
			names = append(names, x.Title)
		}
	}
	return strings.Join(names, "; ")
}
