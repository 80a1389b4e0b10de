package planner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tierplan/tierplan/internal/suggest"
)

// MaxWorkloadFileSize bounds what ParseWorkloads reads; workload files are
// a few lines, and a limit keeps a wrong path from eating memory.
const MaxWorkloadFileSize = 1 << 20

// ParseWorkloads reads a workload file: either one workload as a mapping, or
// `workloads:` holding a list of them, each with a `name`. Every problem is
// reported at once, one per line, as "FILE:LINE: what is wrong".
func ParseWorkloads(name string, data []byte) ([]Workload, error) {
	if len(data) > MaxWorkloadFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d bytes; is it a workload file?", name, MaxWorkloadFileSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	doc, err := oneDocument(name, data)
	if err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: file is empty; expected a workload (sessions:, tokens:, …)", name)
	}
	root := doc.Content[0]
	var errs problems
	refuseAliases(name, root, &errs)
	var items []*yaml.Node
	switch {
	case root.Kind != yaml.MappingNode:
		errs.add(name, root.Line, "expected a mapping of workload settings or a 'workloads:' list")
	case hasKey(root, "workloads"):
		list := valueOf(root, "workloads")
		for i := 0; i+1 < len(root.Content); i += 2 {
			if k := root.Content[i]; k.Value != "workloads" {
				errs.add(name, k.Line, fmt.Sprintf("unknown key %q next to 'workloads'", k.Value))
			}
		}
		if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
			errs.add(name, list.Line, "'workloads' must be a non-empty list")
		} else {
			items = list.Content
		}
	default:
		items = []*yaml.Node{root}
	}
	var out []Workload
	seen := map[string]int{}
	for i, item := range items {
		w := decodeWorkload(name, item, &errs)
		if w.Name == "" {
			w.Name = fmt.Sprintf("workload-%d", i+1)
			if len(items) == 1 {
				w.Name = "default"
			}
		}
		if line, dup := seen[w.Name]; dup {
			errs.add(name, item.Line, fmt.Sprintf("duplicate workload name %q (first at line %d)", w.Name, line))
		}
		seen[w.Name] = item.Line
		out = append(out, w)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func decodeWorkload(file string, n *yaml.Node, errs *problems) Workload {
	var w Workload
	if n.Kind != yaml.MappingNode {
		errs.add(file, n.Line, "a workload must be a mapping of settings")
		return w
	}
	keys := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := keys[k.Value]; dup {
			errs.add(file, k.Line, fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, first))
			continue
		}
		keys[k.Value] = k.Line
		if v.Kind == yaml.AliasNode || k.Tag == "!!merge" || k.Value == "<<" {
			continue // refuseAliases said so
		}
		if v.Kind != yaml.ScalarNode {
			errs.add(file, v.Line, fmt.Sprintf("%s: expected a single value", k.Value))
			continue
		}
		if k.Value == "name" {
			w.Name = v.Value
			continue
		}
		if err := SetWorkloadField(&w, k.Value, v.Value); err != nil {
			if strings.HasPrefix(err.Error(), "unknown key") {
				errs.add(file, k.Line, unknownKey(k.Value))
			} else {
				errs.add(file, v.Line, fmt.Sprintf("%s: %s", k.Value, err))
			}
		}
	}
	return w
}

// unknownKey says a key is not a workload setting: with the setting it is
// nearest to when it looks like a typo ("sesions"), else with the list.
func unknownKey(key string) string {
	ks := []string{"name"}
	for _, f := range WorkloadFields {
		ks = append(ks, f.Key)
	}
	if s := suggest.Closest(strings.ReplaceAll(key, "_", "-"), ks); s != "" {
		return fmt.Sprintf("unknown key %q: did you mean %q?", key, s)
	}
	return fmt.Sprintf("unknown key %q (known: %s)", key, strings.Join(ks, ", "))
}

func hasKey(m *yaml.Node, key string) bool { return valueOf(m, key) != nil }

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// problems collects "FILE:LINE: message" errors so a file's every mistake
// is reported at once, in line order.
type problems struct{ list []problem }

type problem struct {
	line int
	msg  string
}

func (p *problems) add(file string, line int, msg string) {
	p.list = append(p.list, problem{line, fmt.Sprintf("%s:%d: %s", file, line, msg)})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].line < p.list[j].line })
	msgs := make([]string, len(p.list))
	for i, x := range p.list {
		msgs[i] = x.msg
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// oneDocument reads the file's YAML document, refusing a second one: a
// "---" would otherwise silently drop every workload after it.
func oneDocument(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, fmt.Errorf("%s:%d: a second YAML document (after ---): a workload file holds one; list several workloads under 'workloads:' instead", name, max(next.Line, 1))
	case !errors.Is(err, io.EOF):
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return &doc, nil
}

// refuseAliases reports YAML aliases (*name) and merge keys (<<:), which a
// workload file does not take: each setting is written where it applies, so
// the file reads as the plan will.
func refuseAliases(file string, n *yaml.Node, errs *problems) {
	switch {
	case n.Kind == yaml.AliasNode:
		errs.add(file, n.Line, fmt.Sprintf("a YAML alias (*%s) is not supported in a workload file: write the value itself", n.Value))
		return
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Tag == "!!merge" || k.Value == "<<" {
				errs.add(file, k.Line, "a YAML merge key (<<) is not supported in a workload file: repeat the settings in each workload")
			}
		}
	}
	for _, c := range n.Content {
		refuseAliases(file, c, errs)
	}
}
