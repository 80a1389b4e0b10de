package tiers

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// provText is the provenance one level of the document writes, as text, with
// the lines to report problems at.
type provText struct {
	source, asOf, confidence   string
	sourceLine, confidenceLine int
	// cut is a comment that ended an unquoted source: "source: issue #123"
	// reads as "issue", and the rest as a comment.
	cut string
}

// indexProvenance records, for every mapping of the document that writes
// source, as_of or confidence, what it writes, keyed by the same paths as
// the line index. Provenance is read from the tree, not the decoded structs,
// because every level of it matters and a struct keeps only its own.
func indexProvenance(root *yaml.Node) map[string]provText {
	out := map[string]provText{}
	var walk func(n *yaml.Node, p []string)
	walk = func(n *yaml.Node, p []string) {
		switch n.Kind {
		case yaml.MappingNode:
			var pt provText
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind == yaml.ScalarNode {
					switch k.Value {
					case "source":
						pt.source, pt.sourceLine, found = v.Value, v.Line, true
						if v.Style == 0 && len(v.LineComment) > 1 && v.LineComment[0] == '#' && v.LineComment[1] != ' ' {
							pt.cut = v.LineComment
						}
					case "as_of":
						pt.asOf, found = v.Value, true
					case "confidence":
						pt.confidence, pt.confidenceLine, found = v.Value, v.Line, true
					}
				}
				walk(v, append(p[:len(p):len(p)], k.Value))
			}
			if found {
				out[pathID(p)] = pt
			}
		case yaml.SequenceNode:
			for i, v := range n.Content {
				walk(v, append(p[:len(p):len(p)], fmt.Sprintf("#%d", i)))
			}
		}
	}
	walk(root, nil)
	return out
}

// provAt is the provenance in effect at p: the table's, overridden level by
// level down to p, each of source, as_of and confidence on its own. A source
// that names an entry of the table's sources: takes that entry's text, and
// its date and confidence unless the level writes its own.
func (c *checker) provAt(p ...any) Provenance {
	parts := path(p...)
	prov := Provenance{Confidence: Official}
	for n := 0; n <= len(parts); n++ {
		pt, ok := c.provs[pathID(parts[:n])]
		if !ok {
			continue
		}
		if pt.source != "" {
			if s, named := c.sources[pt.source]; named {
				prov.Source = s.Source
				if !s.AsOf.IsZero() {
					prov.AsOf = s.AsOf
				}
				if s.Confidence != "" {
					prov.Confidence = s.Confidence
				}
			} else {
				prov.Source = pt.source
			}
		}
		if d, err := time.Parse(time.DateOnly, pt.asOf); err == nil {
			prov.AsOf = d
		}
		if validConfidence(pt.confidence) {
			prov.Confidence = Confidence(pt.confidence)
		}
	}
	return prov
}

// confidenceSetUnder reports whether any level from p down writes a
// confidence (an allowance marked estimate: true takes estimate otherwise).
func (c *checker) confidenceSetUnder(p ...any) bool {
	prefix := pathID(path(p...))
	for id, pt := range c.provs {
		if pt.confidence != "" && (id == prefix || strings.HasPrefix(id, prefix+"\x00")) {
			return true
		}
	}
	return false
}

// figKey names a figure by the parts of its path: section, item, then the
// keys under it. Names may hold dots (opus-5.5), so parts are kept apart.
type figKey []string

// add is the key with more parts, never sharing the receiver's array.
func (k figKey) add(parts ...string) figKey {
	return append(append(figKey(nil), k...), parts...)
}

// figure records one figure with the provenance in effect at p.
func (c *checker) figure(key figKey, value string, p ...any) {
	c.figures = append(c.figures, Figure{Key: key, Path: strings.Join(key, "."), Value: value, Line: c.ix.line(p...), Provenance: c.provAt(p...)})
}

func validConfidence(s string) bool {
	for _, x := range Confidences {
		if string(x) == s {
			return true
		}
	}
	return false
}

// readSources checks the table's named sources and every provenance the
// document writes: each confidence must be one of the four, and where the
// table names sources, a source written as a bare key must be one of them.
func (c *checker) readSources(r *rawTable) {
	c.sources = map[string]Provenance{}
	names := make([]string, 0, len(r.Sources))
	for k := range r.Sources {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		s := r.Sources[k]
		c.required(s.Prov.Source != "", "source in sources."+k, "sources", k, "source")
		p := Provenance{Source: s.Prov.Source, Confidence: Confidence(s.Prov.Confidence)}
		if s.Prov.AsOf != nil {
			p.AsOf = time.Time(*s.Prov.AsOf)
		}
		c.sources[k] = p
	}
	ids := make([]string, 0, len(c.provs))
	for id := range c.provs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pt := c.provs[id]
		if pt.confidence != "" && !validConfidence(pt.confidence) {
			msg := fmt.Sprintf("confidence must be %s, found %q", confidenceList(), pt.confidence)
			if strings.HasPrefix(strings.ToLower(pt.confidence), "community") {
				msg += " (a community report is third-party; a community estimate is estimate)"
			} else if s := closestKey(strings.ToLower(pt.confidence), confidenceStrings()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			c.add(pt.confidenceLine, "%s", msg)
		}
		if pt.cut != "" {
			c.warnings = append(c.warnings, Problem{pt.sourceLine, fmt.Sprintf(
				"source reads %q: the %q after it is a YAML comment; quote the source if it belongs to it", pt.source, pt.cut)})
		}
		if len(c.sources) > 0 && looksLikeKey(pt.source) && !strings.HasPrefix(id, "sources\x00") {
			if _, ok := c.sources[pt.source]; !ok {
				hint := "sources: " + strings.Join(names, ", ") + "; a source of your own takes more than one word"
				if s := closestKey(pt.source, names); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				c.add(pt.sourceLine, "source %q is not one of the table's sources (%s)", pt.source, hint)
			}
		}
	}
}

// looksLikeKey reports whether a source is written as a short key (T4, P0926)
// rather than a text or an address.
func looksLikeKey(s string) bool {
	return s != "" && len(s) <= 24 && !strings.ContainsAny(s, " ./:,()")
}

func confidenceStrings() []string {
	out := make([]string, len(Confidences))
	for i, c := range Confidences {
		out[i] = string(c)
	}
	return out
}

func confidenceList() string {
	s := confidenceStrings()
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
