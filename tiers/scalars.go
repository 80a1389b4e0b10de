package tiers

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// count is a whole number of tokens or requests. Plain yaml.v3 would turn 1.5
// into 1 without a word; count refuses anything that is not a whole number.
type count int64

func (c *count) UnmarshalYAML(n *yaml.Node) error { return leaf(n, c.decode) }

func (c *count) decode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "a whole number")
	}
	s := strings.ReplaceAll(n.Value, "_", "")
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*c = count(v)
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e18 {
		*c = count(f) // 2e6 is a whole number written as a float
		return nil
	}
	if strings.Contains(n.Value, ",") {
		return lineErr(n, fmt.Sprintf("expected a whole number, found %q (write 2000000 or 2_000_000)", n.Value))
	}
	return typeErr(n, "a whole number")
}

// usd is a dollar amount read exactly from its decimal text, never through a
// float, so 0.30 is exactly 300,000 micro-dollars.
type usd Money

func (u *usd) UnmarshalYAML(n *yaml.Node) error { return leaf(n, u.decode) }

func (u *usd) decode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "a dollar amount")
	}
	m, err := parseDollars(n.Value)
	if err != nil {
		return lineErr(n, err.Error())
	}
	*u = usd(m)
	return nil
}

// parseDollars reads "3", "3.75", "0.000125" or "1_000" as micro-dollars.
func parseDollars(text string) (Money, error) {
	m := dollarsRE().FindStringSubmatch(strings.ReplaceAll(text, "_", ""))
	if m == nil {
		return 0, fmt.Errorf("expected a dollar amount such as 3.75, found %q", text)
	}
	whole, frac := m[2], m[3]
	if len(frac) > 6 {
		return 0, fmt.Errorf("%q is finer than a micro-dollar (at most 6 decimals)", text)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w >= math.MaxInt64/1_000_000 {
		return 0, fmt.Errorf("%q is too large", text)
	}
	f, _ := strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
	v := Money(w*1_000_000 + f)
	if m[1] == "-" {
		v = -v
	}
	return v, nil
}

// dollarsRE is a dollar amount. It is compiled on first use, not at
// package init, so that a command which never reads a tier table does not
// pay for it.
var dollarsRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(-?)([0-9]+)(?:\.([0-9]*))?$`) })

// decimal is a plain number (a share, a discount, seconds); NaN and the
// infinities are refused, since no figure can be one.
type decimal float64

func (d *decimal) UnmarshalYAML(n *yaml.Node) error { return leaf(n, d.decode) }

func (d *decimal) decode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "a number")
	}
	var f float64
	if err := n.Decode(&f); err != nil {
		return typeErr(n, "a number")
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return lineErr(n, fmt.Sprintf("expected a number, found %q", n.Value))
	}
	*d = decimal(f)
	return nil
}

// flag is true or false; word is a bare word (an enumeration's value). Both
// may be written as figures with their own provenance.
type (
	flag bool
	word string
)

func (b *flag) UnmarshalYAML(n *yaml.Node) error { return leaf(n, b.decode) }

func (b *flag) decode(n *yaml.Node) error {
	var v bool
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		return typeErr(n, "true or false")
	}
	*b = flag(v)
	return nil
}

func (w *word) UnmarshalYAML(n *yaml.Node) error { return leaf(n, w.decode) }

func (w *word) decode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "a word")
	}
	*w = word(n.Value)
	return nil
}

// leaf decodes a figure, written plainly or as {value, source, as_of,
// confidence}. The value is decoded even when the mapping has problems of
// its own (a misspelt key), so no second problem follows for a value that
// was never read.
func leaf(n *yaml.Node, decode func(*yaml.Node) error) error {
	v, err := leafValue(n)
	if v == nil {
		return err
	}
	if derr := decode(v); derr != nil {
		return derr
	}
	return err
}

// figureKeys are the keys of a figure written as a mapping.
var figureKeys = []string{"value", "source", "as_of", "confidence"}

// leafValue is the node holding a figure's value: n itself, or the value of
// a figure written as {value, source, as_of, confidence} (nil when it has
// none). Every problem of such a mapping is reported at its own line.
func leafValue(n *yaml.Node) (*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return n, nil
	}
	var value *yaml.Node
	var msgs []string
	bad := func(at *yaml.Node, msg string) { msgs = append(msgs, fmt.Sprintf("line %d: %s", at.Line, msg)) }
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "value":
			value = v
		case "source", "confidence":
			if v.Kind != yaml.ScalarNode {
				bad(v, fmt.Sprintf("%s: expected text, found %s", k.Value, describeNode(v)))
			}
		case "as_of":
			if _, err := time.Parse("2006-01-02", v.Value); v.Kind != yaml.ScalarNode || err != nil {
				bad(v, fmt.Sprintf("%s is not a date (want YYYY-MM-DD)", describeNode(v)))
			}
		default:
			msg := fmt.Sprintf("unknown key %q in a figure (a figure written as a mapping has value, source, as_of and confidence)", k.Value)
			if s := closestKey(k.Value, figureKeys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			bad(k, msg)
		}
	}
	if value == nil {
		bad(n, "a figure written as a mapping needs its value: {value: 1000, source: ...}")
	}
	if len(msgs) > 0 {
		return value, &yaml.TypeError{Errors: msgs}
	}
	return value, nil
}

// date is a calendar day written YYYY-MM-DD.
type date time.Time

func (d *date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeErr(n, "a date (YYYY-MM-DD)")
	}
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		return lineErr(n, fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", n.Value))
	}
	*d = date(t)
	return nil
}

// typeErr reports a value of the wrong kind in yaml.v3's own error shape, so
// decoding goes on and every problem is collected.
func typeErr(n *yaml.Node, want string) error {
	return lineErr(n, fmt.Sprintf("expected %s, found %s", want, describeNode(n)))
}

func lineErr(n *yaml.Node, msg string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", n.Line, msg)}}
}

// describeNode names what a user wrote: a quoted scalar, "a list", "a mapping".
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	return strconv.Quote(n.Value)
}
