package tiers

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// strictMessages is what a decode of data with KnownFields reports: the
// oracle unknownFields stands in for.
func strictMessages(t *testing.T, data []byte) []string {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw rawTable
	var te *yaml.TypeError
	if err := dec.Decode(&raw); errors.As(err, &te) {
		return te.Errors
	} else if err != nil {
		t.Fatalf("strict decode: %v", err)
	}
	return nil
}

// singleMessages is what Parse now reports from one parse: the keys
// unknownFields finds and the type errors of the node tree's decode.
func singleMessages(t *testing.T, data []byte) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	msgs := unknownFields(root, reflect.TypeFor[rawTable]())
	var raw rawTable
	var te *yaml.TypeError
	if err := root.Decode(&raw); errors.As(err, &te) {
		msgs = append(msgs, te.Errors...)
	} else if err != nil {
		t.Fatalf("node decode: %v", err)
	}
	return msgs
}

// mutate renames, adds or retypes keys of a table at random: misspelt
// keys at every depth, keys inside maps (which take any key), values
// made lists or mappings, an anchor and a merge.
func mutate(rng *rand.Rand, data []byte) []byte {
	lines := strings.Split(string(data), "\n")
	for n := 1 + rng.IntN(6); n > 0; n-- {
		i := rng.IntN(len(lines))
		l := lines[i]
		key, rest, ok := strings.Cut(l, ":")
		if !ok || strings.TrimSpace(key) == "" || strings.HasPrefix(strings.TrimSpace(key), "#") {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " -"))]
		switch rng.IntN(5) {
		case 0: // a typo of the key
			lines[i] = key + "x:" + rest
		case 1: // a new key beside it
			lines = slices.Insert(lines, i+1, strings.Repeat(" ", len(indent))+"bogus_key: 1")
		case 2: // the value made a mapping with a stray key
			if strings.TrimSpace(rest) != "" {
				lines[i] = key + ": {stray: 1}"
			}
		case 3: // the value made a list
			if strings.TrimSpace(rest) != "" {
				lines[i] = key + ": [1, 2]"
			}
		case 4: // a merge of an anchored mapping with an unknown key
			lines = slices.Insert(lines, i+1, strings.Repeat(" ", len(indent))+"<<: {merged_unknown: 1}")
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// unknownFields with the node tree's decode reports, key for key and line
// for line, what the strict decode of the bytes reports: on the shipped
// table, every example, and 300 random mutations of them.
func TestUnknownFieldsAsTheStrictDecoder(t *testing.T) {
	tables := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join("examples", "*.yaml"))
	paths = append(paths, filepath.Join("..", "tiers.yaml"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tables[p] = b
	}
	rng := rand.New(rand.NewPCG(5, 6))
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range tables {
			if !yield(k) {
				return
			}
		}
	})
	checked, differing := 0, 0
	for n := 0; n < 300+len(names); n++ {
		name := names[n%len(names)]
		data := tables[name]
		if n >= len(names) {
			data = mutate(rng, data)
		}
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			continue // a mutation that broke the YAML itself
		}
		want, got := strictMessages(t, data), singleMessages(t, data)
		slices.Sort(want)
		slices.Sort(got)
		checked++
		if len(want) > 0 {
			differing++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s, mutation %d:\ngot  %q\nwant %q\n%s", name, n, got, want, data)
		}
	}
	if checked < 250 || differing < 150 {
		t.Fatalf("only %d tables checked, %d with problems: the mutations do not exercise the check", checked, differing)
	}
}
