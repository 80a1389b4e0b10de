package ratelimits

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tierplan/tierplan/tiers"
)

// Source is the provenance a pulled figure carries.
func Source(workspace string, day time.Time) string {
	who := "your organisation's Rate Limits API"
	if workspace != "" {
		who += " (workspace " + workspace + ")"
	}
	return who + ", " + day.Format(time.DateOnly)
}

// Apply writes an organisation's limits into a tier table, given as the
// YAML text it was read from, as the tier named name, and returns the new
// text; every comment and every other figure is kept. A tier of that name
// keeps its name, how it is reached and its spend cap, and takes the
// organisation's limits and batch limits (a negotiated tier becomes an
// evaluated one); otherwise a tier is added, reached "your organisation's
// configured limits", with no spend cap (the API does not give it). Each
// pulled figure says where it comes from (source, as_of, official). The new
// text is parsed before it is returned, so it is always a valid table.
func Apply(table []byte, name string, org OrgLimits, source string, day time.Time) ([]byte, error) {
	if len(org.Pools) == 0 && org.Batch == nil {
		return nil, errors.New("the API returned no limit the tier table can hold")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(table, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("the tier table in effect is not a YAML mapping")
	}
	root := doc.Content[0]
	list := valueOf(root, "tiers")
	if list == nil {
		list = &yaml.Node{Kind: yaml.SequenceNode}
		root.Content = append(root.Content, scalar("tiers"), list)
	}
	if list.Kind != yaml.SequenceNode {
		return nil, errors.New("tiers: in the tier table in effect is not a list")
	}
	prov := []*yaml.Node{scalar("source"), quoted(source), scalar("as_of"), scalar(day.Format(time.DateOnly)), scalar("confidence"), scalar(string(tiers.Official))}
	tier := findTier(list, name)
	if tier == nil {
		tier = &yaml.Node{Kind: yaml.MappingNode}
		tier.Content = append([]*yaml.Node{scalar("name"), scalar(name), scalar("reached"), quoted("your organisation's configured limits")}, prov...)
		list.Content = append(list.Content, tier)
		setKey(tier, "limits", limitsNode(org, nil))
	} else {
		deleteKey(tier, "negotiated")
		setKey(tier, "limits", limitsNode(org, prov)) // the tier's other figures keep their own sources
	}
	if org.Batch != nil {
		b := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		if org.Batch.RPM > 0 {
			b.Content = append(b.Content, scalar("rpm"), number(org.Batch.RPM))
		}
		if org.Batch.QueueRequests > 0 {
			b.Content = append(b.Content, scalar("queue_requests"), number(org.Batch.QueueRequests))
		}
		if valueOf(tier, "source") == nil {
			b.Content = append(b.Content, prov...)
		}
		setKey(tier, "batch", b)
	} else {
		deleteKey(tier, "batch")
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	if _, err := tiers.Parse("the pulled table", buf.Bytes()); err != nil {
		return nil, fmt.Errorf("the pulled table does not validate: %w", err)
	}
	return buf.Bytes(), nil
}

// limitsNode is the limits mapping, pools in the order the table lists
// them, each a flow mapping; prov, when given, is written on each pool.
func limitsNode(org OrgLimits, prov []*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, pool := range sortedPools(org) {
		l := org.Pools[pool]
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, f := range []struct {
			key string
			v   int64
		}{{"rpm", l.RPM}, {"itpm", l.ITPM}, {"otpm", l.OTPM}, {"tpm", l.TPM}, {"tokens_per_day", l.TokensPerDay}, {"requests_per_day", l.RequestsPerDay}} {
			if f.v > 0 {
				m.Content = append(m.Content, scalar(f.key), number(f.v))
			}
		}
		m.Content = append(m.Content, prov...)
		n.Content = append(n.Content, scalar(pool), m)
	}
	return n
}

// sortedPools is the table's order, then any other pool by name.
func sortedPools(org OrgLimits) []string {
	out := append([]string(nil), org.Order...)
	var rest []string
	for p := range org.Pools {
		if !slices.Contains(out, p) {
			rest = append(rest, p)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func findTier(list *yaml.Node, name string) *yaml.Node {
	for _, item := range list.Content {
		if item.Kind == yaml.MappingNode {
			if v := valueOf(item, "name"); v != nil && v.Value == name {
				return item
			}
		}
	}
	return nil
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: s, Style: yaml.DoubleQuotedStyle}
}

func number(v int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10)}
}
