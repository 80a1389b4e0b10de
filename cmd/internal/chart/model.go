// Package chart draws tierplan's pictures: a figure (lines, bars, reference
// lines, bands and marks over two axes) or a set of horizontal bars against
// limits, as terminal text (braille and block characters, or plain ASCII),
// as SVG (for the HTML report and --chart-out FILE.svg) and as PNG. Commands
// build a model from their report; this package knows nothing of tiers,
// plans or logs, and one layout serves SVG and PNG so both show the same.
package chart

// Unit says how an axis's numbers read: it picks the tick values and writes
// their labels.
type Unit int

// The units of an axis.
const (
	Count   Unit = iota // 12, 1.5k
	Tokens              // 18k, 1.2M
	Dollars             // $20, $1.2k
	Percent             // a share: 0.8 reads 80%
	Clock               // seconds after midnight: 09:00
)

// Axis is one axis: its title (with the unit in words) and how its numbers
// read. Categories, on an x axis, make it categorical: the x values of the
// series are then indexes into it.
type Axis struct {
	Title      string
	Unit       Unit
	Categories []string
}

// Kind is how a series is drawn.
type Kind int

// The kinds of series.
const (
	Line Kind = iota // points joined by straight lines
	Bars             // one bar per x (categories or points)
)

// Series is one named sequence of points.
type Series struct {
	Name string
	Kind Kind
	X, Y []float64
}

// Ref is a horizontal reference line: a limit, a price, a threshold.
type Ref struct {
	Name string
	Y    float64
}

// Band is a horizontal band between two values: an estimate's range.
type Band struct {
	Name   string
	Lo, Hi float64
}

// Mark is a vertical line at an x: a break-even point, the workload's own
// size.
type Mark struct {
	Name string
	X    float64
}

// Figure is one chart over an x and a y axis. The y axis starts at zero:
// every quantity tierplan draws is a count, a size or a price.
type Figure struct {
	Title  string
	X, Y   Axis
	Series []Series
	Refs   []Ref
	Bands  []Band
	Marks  []Mark
	// YMax, when set, fixes the top of the y axis (a share drawn to 100%).
	YMax float64
}

// Meter is a set of horizontal bars, each a share of its own limit: the
// busiest minute against each tier's buckets. A share over 1 runs past the
// limit's line.
type Meter struct {
	Title  string
	Groups []MeterGroup
}

// MeterGroup is the bars of one name (a tier).
type MeterGroup struct {
	Name string
	Bars []MeterBar
}

// MeterBar is one share of a limit, with the figures it comes from.
type MeterBar struct {
	Label string  // the limit: RPM, ITPM
	Share float64 // used over the limit
	Note  string  // "42,000 of 2,000,000"
}
