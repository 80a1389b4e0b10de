package chart

import "github.com/tierplan/tierplan/planner/termsafe"

// A picture's names come from outside (a model or a workload's name): Text
// escapes them (termsafe) before it draws, so its text, whose only escape
// sequences are then its own colours, can go to a terminal as drawn.

// escaped is the figure with every name and title made terminal-safe.
func (f Figure) escaped() Figure {
	f.Title = termsafe.Escape(f.Title)
	f.X, f.Y = f.X.escaped(), f.Y.escaped()
	f.Series = append([]Series(nil), f.Series...)
	for i := range f.Series {
		f.Series[i].Name = termsafe.Escape(f.Series[i].Name)
	}
	f.Refs = append([]Ref(nil), f.Refs...)
	for i := range f.Refs {
		f.Refs[i].Name = termsafe.Escape(f.Refs[i].Name)
	}
	f.Bands = append([]Band(nil), f.Bands...)
	for i := range f.Bands {
		f.Bands[i].Name = termsafe.Escape(f.Bands[i].Name)
	}
	f.Marks = append([]Mark(nil), f.Marks...)
	for i := range f.Marks {
		f.Marks[i].Name = termsafe.Escape(f.Marks[i].Name)
	}
	return f
}

func (a Axis) escaped() Axis {
	a.Title = termsafe.Escape(a.Title)
	a.Categories = append([]string(nil), a.Categories...)
	for i, c := range a.Categories {
		a.Categories[i] = termsafe.Escape(c)
	}
	return a
}

// escaped is the meter with every name, label and note made
// terminal-safe.
func (m Meter) escaped() Meter {
	m.Title = termsafe.Escape(m.Title)
	m.Groups = append([]MeterGroup(nil), m.Groups...)
	for i, g := range m.Groups {
		g.Name = termsafe.Escape(g.Name)
		g.Bars = append([]MeterBar(nil), g.Bars...)
		for j := range g.Bars {
			g.Bars[j].Label = termsafe.Escape(g.Bars[j].Label)
			g.Bars[j].Note = termsafe.Escape(g.Bars[j].Note)
		}
		m.Groups[i] = g
	}
	return m
}
