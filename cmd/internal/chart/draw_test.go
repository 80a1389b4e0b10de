package chart

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// sample is a figure with one of everything: a line with a gap, bars,
// a reference, a band and a mark.
func sample() Figure {
	f := Figure{Title: "Sample <&> figure", X: Axis{Title: "call", Unit: Count}, Y: Axis{Title: "tokens", Unit: Tokens},
		Refs: []Ref{{Name: "limit", Y: 90_000}}, Bands: []Band{{Name: "band", Lo: 20_000, Hi: 40_000}}, Marks: []Mark{{Name: "here", X: 12}}}
	line := Series{Name: "context"}
	bars := Series{Name: "output", Kind: Bars}
	for i := 1; i <= 30; i++ {
		y := float64(10_000 + 3_000*i)
		if i == 15 {
			y = math.NaN()
		}
		line.X, line.Y = append(line.X, float64(i)), append(line.Y, y)
		bars.X, bars.Y = append(bars.X, float64(i)), append(bars.Y, float64(1_000*(i%5)))
	}
	f.Series = []Series{line, bars}
	return f
}

func sampleMeter() Meter {
	return Meter{Title: "Meter", Groups: []MeterGroup{{Name: "a", Bars: []MeterBar{{"RPM", 0.3, "3 of 10"}, {"ITPM", 1.4, "14 of 10"}}}}}
}

// Every line fits the width asked for, from the narrowest drawn to wide,
// in both character sets; colour codes take no columns.
func TestTextFitsWidth(t *testing.T) {
	for _, pic := range []Picture{sample(), sampleMeter()} {
		for w := MinWidth; w <= 200; w += 7 {
			for _, st := range []Style{{Width: w}, {Width: w, ASCII: true}, {Width: w, Color: true}} {
				for i, l := range strings.Split(strings.TrimSuffix(pic.Text(st), "\n"), "\n") {
					if n := runewidth.StringWidth(stripANSI(l)); n > w {
						t.Fatalf("width %d %+v: line %d is %d wide: %q", w, st, i, n, l)
					}
				}
			}
		}
	}
	if got := sample().Text(Style{Width: 10}); !strings.Contains(got, "Sample") {
		t.Error("a width under the minimum draws nothing")
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The SVG is well-formed XML with its text escaped, one element per thing
// drawn; the standalone file carries its stylesheet.
func TestSVG(t *testing.T) {
	for _, svg := range []string{sample().SVG(), sampleMeter().SVG(), Standalone(sample().SVG())} {
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%v in %.200s", err, svg)
				}
				break
			}
		}
	}
	svg := sample().SVG()
	if !strings.Contains(svg, "Sample &lt;&amp;&gt; figure") || strings.Contains(svg, "<&>") {
		t.Error("title not escaped")
	}
	// The line breaks at its gap: two paths.
	if n := strings.Count(svg, `<path class="s0"`); n != 2 {
		t.Errorf("%d line paths, want 2", n)
	}
	if !strings.Contains(Standalone(svg), "<style>") {
		t.Error("standalone SVG without its style")
	}
}

// PNG and SVG files by extension, written whole; others refused.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.png")
	if err := WriteFile(p, sample(), sampleMeter()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != vecWidth*pngScale || h != (sample().vectorHeight()+sampleMeter().vectorHeight())*pngScale {
		t.Errorf("png %dx%d", w, h)
	}
	s := filepath.Join(dir, "c.SVG")
	if err := WriteFile(s, sample()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(s); !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Errorf("svg file starts %.20q", b)
	}
	for _, bad := range []string{filepath.Join(dir, "c.jpg"), filepath.Join(dir, "c")} {
		if err := WriteFile(bad, sample()); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if err := WriteFile(filepath.Join(dir, "missing", "c.svg"), sample()); err == nil {
		t.Error("a file in a missing directory reported written")
	}
}

// StepPath holds each reading to the next, by hand.
func TestStepPath(t *testing.T) {
	line, area := StepPath([][2]float64{{0, 10}, {50, 60}}, 100, 120)
	if line != "M0.0 10.0 H50.0 V60.0 H100" || area != line+" V120 H0.0 Z" {
		t.Errorf("line %q area %q", line, area)
	}
	if l, a := StepPath(nil, 100, 120); l != "" || a != "" {
		t.Error("no points, a path")
	}
}
