package chart

import "testing"

// The cost of drawing one chart each way, for a figure of 30 points and 30
// bars: go test -bench . ./cmd/internal/chart/
func BenchmarkText(b *testing.B) {
	f := sample()
	for b.Loop() {
		_ = f.Text(Style{Width: 120})
	}
}

func BenchmarkSVG(b *testing.B) {
	f := sample()
	for b.Loop() {
		_ = f.SVG()
	}
}

func BenchmarkPNG(b *testing.B) {
	f := sample()
	for b.Loop() {
		if _, err := f.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}
