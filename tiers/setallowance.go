package tiers

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// SetAllowance returns the table text src with one allowance (key is
// window_5h or weekly) of the plan named plan replaced by a, or added when
// the plan has none. Only the lines of that allowance change: every other
// byte of the file, comments and layout included, stays as the user wrote
// it, and the lines replaced are kept as comments under the new figures,
// with note saying why, so nothing the user wrote is lost.
func SetAllowance(src []byte, plan, key string, a Allowance, note string) ([]byte, error) {
	if key != "window_5h" && key != "weekly" {
		return nil, fmt.Errorf("no allowance %q in a plan (window_5h or weekly)", key)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a tier table: no mapping at the top")
	}
	item := findPlan(doc.Content[0], plan)
	if item == nil {
		return nil, fmt.Errorf("no plan %q in the table", plan)
	}
	if item.Style&yaml.FlowStyle != 0 {
		return nil, fmt.Errorf("line %d: plan %s is written on one line ({...}); write it as a block, one key a line, to calibrate it", item.Line, plan)
	}
	lines := strings.SplitAfter(string(src), "\n")
	indent := item.Column - 1
	// A plan whose allowance was unknown (allowance_unknown: why) has one
	// now: the old line is kept as a comment, and the rest done again.
	for i := 0; i+1 < len(item.Content); i += 2 {
		if k := item.Content[i]; k.Value == "allowance_unknown" {
			first, last := k.Line-1, endOfValue(&doc, k, lines)
			old := strings.Join(lines[first:last+1], "")
			pad := strings.Repeat(" ", indent)
			kept := pad + "# an allowance is measured now; it read:\n"
			for _, l := range strings.Split(strings.TrimRight(old, "\r\n"), "\n") {
				kept += pad + "#   " + strings.TrimSpace(l) + "\n"
			}
			return SetAllowance(splice(lines, first, last+1, kept), plan, key, a, note)
		}
	}
	block := allowanceLines(key, a, indent)
	for i := 0; i+1 < len(item.Content); i += 2 {
		k := item.Content[i]
		if k.Value != key {
			continue
		}
		first, last := k.Line-1, endOfValue(&doc, k, lines)
		old := strings.Join(lines[first:last+1], "")
		block += commentLines(note, old, indent)
		return splice(lines, first, last+1, block), nil
	}
	// The plan has no such allowance: add it after the plan's last line.
	last := endOfValue(&doc, item.Content[len(item.Content)-2], lines)
	return splice(lines, last+1, last+1, block), nil
}

// findPlan is the mapping of the plan with that name in plans.
func findPlan(top *yaml.Node, name string) *yaml.Node {
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "plans" || top.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, p := range top.Content[i+1].Content {
			for j := 0; p.Kind == yaml.MappingNode && j+1 < len(p.Content); j += 2 {
				if p.Content[j].Value == "name" && p.Content[j+1].Value == name {
					return p
				}
			}
		}
	}
	return nil
}

// endOfValue is the index (0-based) of the last line of key's value: the
// line before the next node that starts at key's column or left of it,
// less the blank and comment lines just before that node (they belong to
// it), or the last line of the file.
func endOfValue(doc *yaml.Node, key *yaml.Node, lines []string) int {
	next := len(lines) + 1
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Line > key.Line && n.Column <= key.Column && n.Line < next {
			next = n.Line
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	end := min(next-2, len(lines)-1)
	for end > key.Line-1 {
		t := strings.TrimSpace(lines[end])
		col := len(lines[end]) - len(strings.TrimLeft(lines[end], " "))
		if t == "" || t == "---" || strings.HasPrefix(t, "#") && col < key.Column {
			end--
			continue
		}
		break
	}
	return end
}

// allowanceLines writes an allowance as block YAML at indent spaces.
func allowanceLines(key string, a Allowance, indent int) string {
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s:\n", pad, key)
	fmt.Fprintf(&b, "%s  usd_equivalent: {low: %s, high: %s}\n", pad, a.Low.Decimal(), a.High.Decimal())
	fmt.Fprintf(&b, "%s  estimate: %t\n", pad, a.Estimate)
	if a.Source != "" {
		fmt.Fprintf(&b, "%s  source: %s\n", pad, strconv.Quote(a.Source))
	}
	if a.Basis != "" {
		fmt.Fprintf(&b, "%s  basis: %s\n", pad, strconv.Quote(a.Basis))
	}
	return b.String()
}

// commentLines keeps the replaced text, written at indent spaces, as
// comments under a note, inside the new allowance.
func commentLines(note, old string, indent int) string {
	pad := strings.Repeat(" ", indent+2)
	var b strings.Builder
	fmt.Fprintf(&b, "%s# %s; it read:\n", pad, note)
	for _, l := range strings.Split(strings.TrimRight(old, "\r\n"), "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.HasPrefix(l, strings.Repeat(" ", indent)) {
			l = l[indent:]
		}
		fmt.Fprintf(&b, "%s#   %s\n", pad, l)
	}
	return b.String()
}

// splice replaces lines[from:to] with text, keeping the file's line ending
// (CRLF when its first line has one).
func splice(lines []string, from, to int, text string) []byte {
	if len(lines) > 0 && strings.HasSuffix(lines[0], "\r\n") {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	var out bytes.Buffer
	for _, l := range lines[:from] {
		out.WriteString(l)
	}
	if from > 0 && !strings.HasSuffix(lines[from-1], "\n") {
		out.WriteByte('\n')
	}
	out.WriteString(text)
	for _, l := range lines[to:] {
		out.WriteString(l)
	}
	return out.Bytes()
}
