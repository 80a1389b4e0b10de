package shared

import (
	"bytes"
	"fmt"

	"github.com/tierplan/tierplan/tiers"
)

// WriteSources lists where figures come from, one provenance at a time,
// least confident and oldest first, each with the figures it covers
// (written without prefix, their common start).
func WriteSources(buf *bytes.Buffer, figs []tiers.Figure, prefix string, md bool) {
	groups := tiers.GroupByProvenance(figs)
	if len(groups) == 0 {
		return
	}
	if md {
		buf.WriteString("\nSources, least confident first:\n\n")
	} else {
		buf.WriteString("  sources, least confident first:\n")
	}
	for _, g := range groups {
		paths := tiers.CompactPaths(g.Paths, prefix)
		if md {
			fmt.Fprintf(buf, "- **%s**, as of %s: %s  \n  %s\n", g.Confidence, g.AsOf.Format("2006-01-02"), g.Source, paths)
			continue
		}
		fmt.Fprintf(buf, "    %s, as of %s: %s\n      %s\n", g.Confidence, g.AsOf.Format("2006-01-02"), g.Source, paths)
	}
}
