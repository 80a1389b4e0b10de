package shared

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/tiers"
)

// TestChangeLine: each kind of change as a line, long values shortened to
// 60 characters with an ellipsis.
func TestChangeLine(t *testing.T) {
	long := strings.Repeat("x", 61)
	for _, tt := range []struct {
		c    tiers.Change
		want string
	}{
		{tiers.Change{Kind: tiers.Added, Section: "tier", Name: "scale", New: "4 pools"}, "+ tier scale (4 pools)"},
		{tiers.Change{Kind: tiers.Removed, Section: "plan", Name: "pro", Old: "$20"}, "- plan pro ($20)"},
		{tiers.Change{Kind: tiers.Added, Section: "tier", Name: "start", Field: "limits.haiku", New: "50 rpm"}, "+ tier start: limits.haiku (50 rpm)"},
		{tiers.Change{Kind: tiers.Changed, Section: "tier", Name: "start", Field: "limits.sonnet-4.itpm", Old: "30,000", New: "2,000,000"},
			"~ tier start: limits.sonnet-4.itpm 30,000 → 2,000,000"},
		{tiers.Change{Kind: tiers.Changed, Section: "table", Field: "source", Old: "a", New: long},
			"~ table: source a → " + strings.Repeat("x", 59) + "…"},
	} {
		if got := ChangeLine(tt.c); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	if s := strings.Repeat("é", 60); Shorten(s) != s {
		t.Error("60 characters were shortened")
	}
}
