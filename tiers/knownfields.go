package tiers

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// unknownFields lists the keys of the document under root that name no
// field of t, in yaml.v3's own words ("line N: field K not found in type
// T"), as a Decoder with KnownFields reports them. The table is decoded
// from the node tree parseDocument already built (Node.Decode), which has
// no KnownFields switch: a second decode from the bytes, only for that
// switch, parsed the whole table twice, a third of loading it, and every
// command loads it (the status line on every prompt).
//
// It follows the decoder's rules: a struct's keys are its fields' yaml
// names (the lowercased name when untagged, "-" and unexported fields
// left out) and those of its inlined structs; an inlined map takes any
// key; a type that decodes itself (yaml.Unmarshaler) is not looked into;
// aliases are followed and "<<" merges checked against the same type; a
// mapping that repeats a key is not looked into.
func unknownFields(root *yaml.Node, t reflect.Type) []string {
	var out []string
	var walk func(n *yaml.Node, t reflect.Type, depth int)
	walk = func(n *yaml.Node, t reflect.Type, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if depth > maxWalkDepth || reflect.PointerTo(t).Implements(unmarshalerType) || hasDuplicateKey(n) {
			return
		}
		switch {
		case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
			fields := structFields(t)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isMerge(k) {
					walkMerge(v, t, depth, walk)
					continue
				}
				ft, ok := fields.byName[k.Value]
				switch {
				case ok:
					walk(v, ft, depth+1)
				case !fields.anyKey:
					out = append(out, fmt.Sprintf("line %d: field %s not found in type %s", k.Line, k.Value, t))
				}
			}
		case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if isMerge(n.Content[i]) {
					walkMerge(n.Content[i+1], t, depth, walk) // its keys join the map
					continue
				}
				walk(n.Content[i+1], t.Elem(), depth+1)
			}
		case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && n.Kind == yaml.SequenceNode:
			for _, item := range n.Content {
				walk(item, t.Elem(), depth+1)
			}
		}
	}
	walk(root, t, 0)
	return out
}

// hasDuplicateKey reports whether a mapping repeats a key: the decoder
// then reports that alone and decodes nothing of it.
func hasDuplicateKey(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i < len(n.Content); i += 2 {
		for j := i + 2; j < len(n.Content); j += 2 {
			if n.Content[i].Kind == n.Content[j].Kind && n.Content[i].Value == n.Content[j].Value {
				return true
			}
		}
	}
	return false
}

// isMerge reports whether a key is YAML's merge key, "<<".
func isMerge(k *yaml.Node) bool { return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" }

// maxWalkDepth bounds the walk as the decoder's own nesting limit does; a
// table passes expandedSize first, so this is a guard, not a limit met.
const maxWalkDepth = 10000

// walkMerge checks the mapping (or each mapping of a sequence) a "<<" key
// merges in against the type it is merged into.
func walkMerge(v *yaml.Node, t reflect.Type, depth int, walk func(*yaml.Node, reflect.Type, int)) {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	if v.Kind == yaml.SequenceNode {
		for _, m := range v.Content {
			walk(m, t, depth+1)
		}
		return
	}
	walk(v, t, depth+1)
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// knownStruct is what a struct type accepts as keys.
type knownStruct struct {
	byName map[string]reflect.Type
	anyKey bool // an inlined map takes every other key
}

var knownStructs sync.Map // reflect.Type → *knownStruct

// structFields is the keys struct type t accepts, with the type each
// key's value decodes into, as yaml.v3 reads its tags.
func structFields(t reflect.Type) *knownStruct {
	if k, ok := knownStructs.Load(t); ok {
		return k.(*knownStruct)
	}
	k := &knownStruct{byName: map[string]reflect.Type{}}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.PkgPath != "" && !f.Anonymous {
				continue // unexported
			}
			tag := f.Tag.Get("yaml")
			if tag == "" && !strings.Contains(string(f.Tag), ":") {
				tag = string(f.Tag)
			}
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if strings.Contains(","+opts+",", ",inline,") {
				switch f.Type.Kind() {
				case reflect.Map:
					k.anyKey = true
				case reflect.Struct:
					add(f.Type)
				case reflect.Pointer:
					if f.Type.Elem().Kind() == reflect.Struct {
						add(f.Type.Elem())
					}
				}
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			k.byName[name] = f.Type
		}
	}
	add(t)
	actual, _ := knownStructs.LoadOrStore(t, k)
	return actual.(*knownStruct)
}
