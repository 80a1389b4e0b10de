package tiers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds a tier table. The shipped table is about 20 KB; a table
// ten times that size is still welcome, and refusing anything larger before
// parsing keeps time and memory bounded (yaml.v3 spends about 600 bytes of
// memory per byte of a pathological flow list).
const MaxFileSize = 256 << 10

// maxExpandedNodes bounds what YAML aliases may expand to. A real table has
// a few thousand values; a billion-laughs file has billions.
const maxExpandedNodes = 100_000

var utf8BOM = []byte("\xef\xbb\xbf")

// Parse parses and validates a tier table. name is used in messages. Every
// problem is reported at once, one "name:line: what is wrong" per line, in a
// *ParseError; a table is returned only when there are none.
func Parse(name string, data []byte) (*Table, error) {
	if len(data) > MaxFileSize {
		return nil, tooLarge(name, int64(len(data)))
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if p, bad := notText(data); bad {
		return nil, newParseError(name, []Problem{p})
	}
	root, err := parseDocument(name, data)
	if err != nil {
		return nil, err
	}
	if n := expandedSize(root, map[*yaml.Node]int64{}); n > maxExpandedNodes {
		return nil, wholeFile(name, fmt.Sprintf("more than %d YAML values once aliases are expanded: refused (a tier table has a few thousand)", maxExpandedNodes))
	}
	ix := indexNode(root)
	if p, ok := checkSchemaVersion(root, ix); !ok {
		return nil, newParseError(name, []Problem{p})
	}

	// The table is decoded from the tree already parsed; the keys it does
	// not know are found by unknownFields, as a second, strict decode of
	// the bytes would find them.
	var raw rawTable
	msgs := unknownFields(root, reflect.TypeFor[rawTable]())
	if err := root.Decode(&raw); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			// Not a per-value problem (excessive aliasing): nothing decoded
			// can be trusted, so report it alone.
			p, _ := yamlProblem(err.Error(), ix)
			return nil, newParseError(name, []Problem{p})
		}
		msgs = append(msgs, te.Errors...)
	}
	var probs []Problem
	failed := map[lineKey]bool{}
	for _, msg := range msgs {
		p, key := yamlProblem(msg, ix)
		probs = append(probs, p)
		failed[lineKey{p.Line, key}] = true
	}
	c := &checker{ix: ix, probs: probs, failed: failed, decodeFailed: len(probs) > 0, provs: indexProvenance(root)}
	t := c.table(&raw)
	if err := newParseError(name, c.probs); err != nil {
		return nil, err
	}
	return t, nil
}

// notText finds the first NUL byte or invalid UTF-8 sequence, with its
// line and column (counted in characters), since yaml.v3 reports none: a
// table saved in Latin-1 with one "é" is named at that "é".
func notText(data []byte) (Problem, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == 0:
			return Problem{Line: line, Msg: fmt.Sprintf("column %d: a NUL byte: not a text file (a tier table is YAML text)", col)}, true
		case r == utf8.RuneError && size == 1:
			return Problem{Line: line, Msg: fmt.Sprintf("column %d: byte 0x%02X is not UTF-8 (a tier table is UTF-8 text: save it as UTF-8)", col, data[i])}, true
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return Problem{}, false
}

// parseDocument reads the one YAML document a tier table is, and checks that
// it is a mapping: an empty file, a list, a scalar or a second document each
// get their own message.
func parseDocument(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, wholeFile(name, "empty file: a tier table needs schema_version, provider, as_of, source, models and tiers")
		}
		return nil, newParseError(name, []Problem{syntaxProblem(err)})
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].ShortTag() == "!!null" {
		return nil, wholeFile(name, "empty file: a tier table needs schema_version, provider, as_of, source, models and tiers")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, newParseError(name, []Problem{{root.Line,
			"not a tier table: expected a mapping of keys (schema_version, models, tiers, ...), found " + describeNode(root)}})
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, newParseError(name, []Problem{syntaxProblem(err)})
	default:
		return nil, newParseError(name, []Problem{{extra.Line, "a second YAML document: a tier table is one document (remove the \"---\")"}})
	}
	return root, nil
}

// syntaxProblem reports a YAML syntax error at its line.
func syntaxProblem(err error) Problem {
	p, _ := yamlProblem(err.Error(), nil)
	p.Msg = "YAML syntax: " + p.Msg
	return p
}

// checkSchemaVersion looks at schema_version before anything else: a file
// written for another version would otherwise drown its one real problem in
// unknown-key errors.
func checkSchemaVersion(root *yaml.Node, ix *lineIndex) (Problem, bool) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "schema_version" {
			continue
		}
		v := root.Content[i+1]
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!int" && v.Value == fmt.Sprint(SchemaVersion) {
			return Problem{}, true
		}
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!int" {
			return Problem{v.Line, fmt.Sprintf("schema version %s is not supported (this build reads %d)", v.Value, SchemaVersion)}, false
		}
		return Problem{v.Line, fmt.Sprintf("schema_version: expected %d, found %s", SchemaVersion, describeNode(v))}, false
	}
	return Problem{ix.line(), fmt.Sprintf("missing schema_version (this build reads %d)", SchemaVersion)}, false
}

// expandedSize counts the values a node stands for once every alias is
// expanded, without expanding anything: each anchored node is sized once.
// The count saturates just past maxExpandedNodes, so it cannot overflow.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int64) int64 {
	if n == nil {
		return 0
	}
	if s, ok := memo[n]; ok {
		return s
	}
	memo[n] = maxExpandedNodes + 1 // a node that contains itself is refused
	size := int64(1)
	if n.Kind == yaml.AliasNode {
		size = expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > maxExpandedNodes {
			size = maxExpandedNodes + 1
			break
		}
	}
	memo[n] = size
	return size
}

func wholeFile(name, msg string) error {
	return &ParseError{File: name, Problems: []Problem{{Msg: msg}}}
}

func tooLarge(name string, size int64) error {
	return wholeFile(name, fmt.Sprintf("%s is too large for a tier table (at most %s); is this the right file?", kib(size), kib(MaxFileSize)))
}

// kib shows a size in whole KB, rounded up so a size just over the limit
// never reads as equal to it.
func kib(n int64) string {
	if n >= 10<<20 {
		return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
