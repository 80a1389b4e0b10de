package chart

import (
	"regexp"
	"strings"
	"testing"
)

// ownColour is a colour code of the chart's own (canvas, paint).
var ownColour = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// Every name a picture shows is escaped in its text: with colour on, the
// only escape sequences left are the chart's own colours, and the names
// still show, escaped.
func TestTextEscapesTheNames(t *testing.T) {
	const bad = "\x1b]0;owned\x07\u202e"
	f := sample()
	f.Title += bad
	f.X.Title += bad
	f.Y.Title += bad
	f.Series[0].Name += bad
	f.Refs[0].Name += bad
	f.Bands[0].Name += bad
	f.Marks[0].Name += bad
	cats := Figure{Title: "cats", X: Axis{Categories: []string{"a" + bad, "b"}}, Series: []Series{{Name: "s", Kind: Bars, X: []float64{0, 1}, Y: []float64{1, 2}}}}
	m := sampleMeter()
	m.Title += bad
	m.Groups[0].Name += bad
	m.Groups[0].Bars[0].Label += bad
	m.Groups[0].Bars[0].Note += bad
	for _, pic := range []Picture{f, cats, m} {
		text := pic.Text(Style{Width: 120, Color: true})
		rest := ownColour.ReplaceAllString(text, "")
		if strings.ContainsAny(rest, "\x1b\x07\u202e") {
			t.Errorf("a raw escape in\n%s", text)
		}
		if !strings.Contains(text, `\x1b]0;owned\x07\u202e`) {
			t.Errorf("no escaped name in\n%s", text)
		}
		if !ownColour.MatchString(text) {
			t.Errorf("no colour in\n%s", text)
		}
	}
	if f.Series[0].Name != "context"+bad {
		t.Error("Text changed the figure it was given")
	}
}
