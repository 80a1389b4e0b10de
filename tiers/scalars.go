package tiers

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// count is a whole number of tokens or requests. Plain yaml.v3 would turn 1.5
// into 1 without a word; count refuses anything that is not a whole number.
type count int64

func (c *count) UnmarshalYAML(n *yaml.Node) error {
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

func (u *usd) UnmarshalYAML(n *yaml.Node) error {
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
	m := dollarsRE.FindStringSubmatch(strings.ReplaceAll(text, "_", ""))
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

var dollarsRE = regexp.MustCompile(`^(-?)([0-9]+)(?:\.([0-9]*))?$`)

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
