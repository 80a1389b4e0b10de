package shared

import (
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// ItemName names a change's item: "tier start", or the section alone.
func ItemName(section, name string) string {
	if name == "" {
		return section
	}
	return section + " " + name
}

// Shorten keeps long values (sources, notes) from widening the table past
// reading; -o json has them whole.
func Shorten(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// ShortenPair shortens an old and a new value for a list of changes. Two
// long values that start alike ("Anthropic API (…) and Claude Pro / Max" →
// "… / Max / Ultra / Team") lose their common start first, so what changed
// stays in view.
func ShortenPair(old, nu string) (string, string) {
	const max = 60
	a, b := []rune(old), []rune(nu)
	if len(a) <= max && len(b) <= max {
		return old, nu
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n > 20 {
		cut := n - 10 // keep a little of what they share, for context
		old, nu = "…"+string(a[cut:]), "…"+string(b[cut:])
	}
	return Shorten(old), Shorten(nu)
}

// ChangeLine is one change as a line of text: "~ tier start:
// limits.sonnet-4.itpm 30,000 → 2,000,000".
func ChangeLine(c tiers.Change) string {
	item := ItemName(c.Section, c.Name)
	switch {
	case c.Kind == tiers.Added && c.Field == "":
		return fmt.Sprintf("+ %s (%s)", item, c.New)
	case c.Kind == tiers.Removed && c.Field == "":
		return fmt.Sprintf("- %s (%s)", item, c.Old)
	case c.Kind == tiers.Added:
		return fmt.Sprintf("+ %s: %s (%s)", item, c.Field, c.New)
	case c.Kind == tiers.Removed:
		return fmt.Sprintf("- %s: %s (%s)", item, c.Field, c.Old)
	}
	old, nu := ShortenPair(c.Old, c.New)
	return fmt.Sprintf("~ %s: %s %s → %s", item, c.Field, old, nu)
}
