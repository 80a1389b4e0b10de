package tiers

import (
	"fmt"
	"sort"
	"strings"
)

// MatchModel finds the model whose longest id prefix names a real model id
// such as "claude-sonnet-4-5-20250929" or "us.anthropic.claude-opus-4-6-v1".
// A prefix names an id only "exactly enough": what follows it must not go on
// naming a version, so claude-fable-5 does not price claude-fable-5-1-… (a
// newer model the table does not know) as Fable 5. An id no prefix names is
// not in the table: reports name it and leave it unpriced.
func (t *Table) MatchModel(id string) (Model, bool) {
	i, _ := t.matchIndex(id)
	if i < 0 {
		return Model{}, false
	}
	return t.Models[i], true
}

// matchIndex is the index of the model whose longest prefix names id, and
// that prefix; -1 when none does.
func (t *Table) matchIndex(id string) (int, string) {
	best, bestPrefix := -1, ""
	for i, m := range t.Models {
		for _, p := range m.Match {
			if len(p) > len(bestPrefix) && matchesID(id, p) {
				best, bestPrefix = i, p
			}
		}
	}
	return best, bestPrefix
}

// matchesID reports whether prefix p names id: p occurs at the start of id or
// after a provider prefix ending in '.' or '/' (Bedrock "us.anthropic.",
// Vertex "anthropic/"), and what follows does not continue its version.
func matchesID(id, p string) bool {
	if p == "" {
		return false
	}
	for start := 0; start <= len(id)-len(p); start++ {
		if (start == 0 || id[start-1] == '.' || id[start-1] == '/') && id[start:start+len(p)] == p &&
			!continuesName(p, id[start+len(p):]) {
			return true
		}
	}
	return false
}

// continuesName reports whether rest, what follows a matched prefix p in an
// id, goes on naming a model p does not: a minor version ("-1-20261001"
// after claude-fable-5 is Fable 5.1), more digits of p's version ("5" after
// claude-sonnet-4), or letters right after it ("5x"). A date ("-20250929"),
// a platform suffix ("@20250514", "-v1:0", "[1m]") or a word ("-latest") do
// not. A prefix ending in a separator ("claude-opus-4-") is open on purpose
// and names everything under it; one ending in three or more digits
// ("claude-opus-4-2025") is the start of a date and may go on with digits.
func continuesName(p, rest string) bool {
	if rest == "" {
		return false
	}
	last := p[len(p)-1]
	switch {
	case !isAlnum(last):
		return false
	case isDigit(rest[0]):
		return trailingDigits(p) < 3
	case isLetter(rest[0]):
		return true // "5x" after claude-fable-5, "s" after claude-opu
	case rest[0] == '-' || rest[0] == '.' || rest[0] == '_':
		n := leadingDigits(rest[1:])
		if n < 1 || n > 2 {
			return false // a date, a word, "-v1"
		}
		after := rest[1+n:]
		return after == "" || !isLetter(after[0]) // "-1" or "-1-…", not "-1m"
	}
	return false
}

func isDigit(b byte) bool  { return b >= '0' && b <= '9' }
func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isAlnum(b byte) bool  { return isDigit(b) || isLetter(b) }

func trailingDigits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[len(s)-1-n]) {
		n++
	}
	return n
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

// ResolveModel finds the model a user names: its short name (sonnet), a
// model id as logs and the API write it (claude-sonnet-4-6), or a version
// written with dots (opus-4.7, read as claude-opus-4-7), each through the
// table's match prefixes. note says how a name that is not a short name was
// read. An unknown name is an error that suggests the nearest short name.
func (t *Table) ResolveModel(name string) (m Model, note string, err error) {
	if m, ok := t.Model(name); ok {
		return m, "", nil
	}
	lower := strings.ToLower(strings.TrimSpace(name))
	if m, ok := t.Model(lower); ok {
		return m, "", nil
	}
	ids := []string{lower}
	if !strings.HasPrefix(lower, "claude-") && !strings.ContainsAny(lower, "/@") {
		ids = append(ids, "claude-"+strings.ReplaceAll(lower, ".", "-"))
	} else {
		ids = append(ids, strings.ReplaceAll(lower, ".", "-"))
	}
	for _, id := range ids {
		if i, prefix := t.matchIndex(id); i >= 0 {
			m := t.Models[i]
			return m, fmt.Sprintf("model %s is %s in the tier table (match prefix %s)", name, m.Name, prefix), nil
		}
	}
	return Model{}, "", t.unknownModel(name)
}

func (t *Table) unknownModel(name string) error {
	names := make([]string, len(t.Models))
	for i, m := range t.Models {
		names[i] = m.Name
	}
	list := strings.Join(names, ", ")
	if s := closestKey(strings.ToLower(name), names); s != "" {
		return fmt.Errorf("unknown model %q: did you mean %s? (the tier table has: %s)", name, s, list)
	}
	return fmt.Errorf("unknown model %q (the tier table has: %s)", name, list)
}

// shadowWarnings finds match prefixes of different models where one would
// take the other's ids if it were gone (claude-opus-4 and claude-opus-4-2025):
// which model an id goes to then depends only on which prefix is longer, an
// easy thing to break by an edit. The table stays valid; tiers validate
// shows the warning.
func (c *checker) shadowWarnings(models []Model) {
	type owned struct {
		prefix, model string
		line          int
	}
	var all []owned
	for _, m := range models {
		for j, p := range m.Match {
			all = append(all, owned{p, m.Name, c.ix.line("models", m.Name, "match", j)})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return len(all[i].prefix) < len(all[j].prefix) })
	for i, short := range all {
		for _, long := range all[i+1:] {
			if short.model == long.model || len(long.prefix) == len(short.prefix) || !matchesID(long.prefix, short.prefix) {
				continue
			}
			c.warnings = append(c.warnings, Problem{long.line, fmt.Sprintf(
				"model %s's match prefix %q lies under model %s's %q (line %d): ids starting %q go to %s only because its prefix is longer",
				long.model, long.prefix, short.model, short.prefix, short.line, long.prefix, long.model)})
		}
	}
}
