package tiers

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// lineIndex remembers where every key and value of a parsed file sits, so
// checks made on the decoded structs can still name the line to fix. It is the
// "second pass over yaml.Node" that keeps strict decoding (KnownFields) and
// line numbers together.
type lineIndex struct {
	keys map[string]keyInfo
	// kids counts the distinct keys (or list items) under each path.
	kids   map[string]int
	values []valueAt // in document order, outermost first
}

type keyInfo struct {
	line int
	null bool // the key is present with no value
}

type valueAt struct {
	line  int
	kind  yaml.Kind
	value string
	key   string // the nearest mapping key above the value
}

// indexNode walks a document's root node. Aliases are not followed: an alias
// bomb must not be expanded here, and an aliased value is reported at the
// alias.
func indexNode(root *yaml.Node) *lineIndex {
	ix := &lineIndex{keys: map[string]keyInfo{}, kids: map[string]int{}}
	ix.walk(root, nil, "")
	return ix
}

func (ix *lineIndex) walk(n *yaml.Node, path []string, key string) {
	ix.values = append(ix.values, valueAt{line: n.Line, kind: n.Kind, value: n.Value, key: key})
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := append(path[:len(path):len(path)], k.Value)
			id := pathID(p)
			if _, dup := ix.keys[id]; !dup {
				ix.keys[id] = keyInfo{line: k.Line, null: v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null"}
				ix.kids[pathID(path)]++
			}
			ix.walk(v, p, k.Value)
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			p := append(path[:len(path):len(path)], "#"+strconv.Itoa(i))
			ix.keys[pathID(p)] = keyInfo{line: v.Line}
			ix.kids[pathID(path)]++
			ix.walk(v, p, key)
		}
	}
}

// path builds a lookup path: strings are mapping keys, ints list positions.
func path(parts ...any) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		switch p := p.(type) {
		case int:
			out[i] = "#" + strconv.Itoa(p)
		case string:
			out[i] = p
		}
	}
	return out
}

func pathID(p []string) string { return strings.Join(p, "\x00") }

// line is where the key at p is, or its nearest present ancestor: a missing
// key is reported where its parent starts.
func (ix *lineIndex) line(parts ...any) int {
	p := path(parts...)
	for n := len(p); n > 0; n-- {
		if k, ok := ix.keys[pathID(p[:n])]; ok {
			return k.line
		}
	}
	return 1
}

// has reports whether the key at p is written in the file (even if empty).
func (ix *lineIndex) has(parts ...any) bool {
	_, ok := ix.keys[pathID(path(parts...))]
	return ok
}

// children counts the distinct keys (or list items) written directly under
// the key at p.
func (ix *lineIndex) children(parts ...any) int {
	return ix.kids[pathID(path(parts...))]
}

// null reports whether the key at p is written with no value.
func (ix *lineIndex) null(parts ...any) bool {
	return ix.keys[pathID(path(parts...))].null
}

// keyFor finds the key whose value yaml.v3 complained about, from the line
// and what it printed of the value (possibly shortened to "abcdefg..."). It
// returns the key and the value as written; no key when the line holds more
// than one candidate, rather than a wrong one.
func (ix *lineIndex) keyFor(line int, kind yaml.Kind, shown string) (key, value string) {
	shown = strings.TrimSuffix(shown, "...")
	found := 0
	value = shown
	for _, v := range ix.values {
		if v.line == line && v.kind == kind && strings.HasPrefix(v.value, shown) {
			if found == 0 {
				key, value = v.key, v.value
			}
			found++
		}
	}
	if found > 1 {
		key = ""
	}
	return key, value
}

// quotedRE finds the quoted value in one of our own messages. It is
// compiled on first use, not at package init: every command links this
// package, and only a table with a problem needs it.
var quotedRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`) })

// keyInMessage finds the key for one of our own scalar messages, which quote
// the offending value: `expected a whole number, found "1.5"`.
func (ix *lineIndex) keyInMessage(line int, msg string) string {
	m := quotedRE().FindString(msg)
	if m == "" {
		return ""
	}
	v, err := strconv.Unquote(m)
	if err != nil {
		return ""
	}
	key, _ := ix.keyFor(line, yaml.ScalarNode, v)
	return key
}
