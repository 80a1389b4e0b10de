package tiers

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong with a tier table, at a line (0 = the whole file).
type Problem struct {
	Line int
	Msg  string
}

// ParseError lists every problem found in one file, sorted by line. Its text
// is one "FILE:LINE: what is wrong" line per problem, so an editor or a
// terminal can jump to each.
type ParseError struct {
	File     string
	Problems []Problem
}

func (e *ParseError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.File, p.Line, p.Msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.File, p.Msg)
		}
	}
	return b.String()
}

// MaxProblems is how many problems an error lists; past that a file is not
// a tier table gone slightly wrong, and a screenful says so better than
// thousands of lines.
const MaxProblems = 50

// newParseError sorts and de-duplicates problems, keeping the first
// MaxProblems and a count of the rest; nil when there are none.
func newParseError(file string, probs []Problem) error {
	if len(probs) == 0 {
		return nil
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	out := probs[:0]
	for i, p := range probs {
		if i > 0 && p == probs[i-1] {
			continue
		}
		out = append(out, p)
	}
	if n := len(out) - MaxProblems; n > 0 {
		out = append(out[:MaxProblems:MaxProblems], Problem{Msg: fmt.Sprintf("... and %d more problems", n)})
	}
	return &ParseError{File: file, Problems: out}
}

// yaml.v3's messages, as yamlProblem reads them. The expressions are
// compiled on first use, not at package init: every command links this
// package, and only a table with a problem needs them.
var (
	yamlLineRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })
	unknownFieldRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^field (\S+) not found in type (\S+)$`) })
	duplicateKeyRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`) })
	cannotDecodeRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$") })
	yamlSyntaxTrims = strings.NewReplacer("yaml: ", "")
)

// yamlProblem turns one of yaml.v3's messages into a problem a user can act
// on: no Go type names, the key named, a suggestion for a misspelt key. It
// also returns the key whose value failed to decode, when known.
func yamlProblem(msg string, ix *lineIndex) (Problem, string) {
	m := yamlLineRE().FindStringSubmatch(msg)
	if m == nil {
		return Problem{Msg: yamlSyntaxTrims.Replace(msg)}, ""
	}
	line, _ := strconv.Atoi(m[1])
	rest := m[2]
	if f := unknownFieldRE().FindStringSubmatch(rest); f != nil {
		return Problem{line, unknownKeyMsg(f[1], f[2])}, ""
	}
	if d := duplicateKeyRE().FindStringSubmatch(rest); d != nil {
		return Problem{line, fmt.Sprintf("duplicate key %q (first at line %s)", d[1], d[2])}, ""
	}
	if c := cannotDecodeRE().FindStringSubmatch(rest); c != nil {
		return wrongTypeProblem(line, c[1], c[2], c[3], ix)
	}
	var key string
	if ix != nil {
		if key = ix.keyInMessage(line, rest); key != "" {
			rest = key + ": " + rest
		}
	}
	return Problem{line, rest}, key
}

func unknownKeyMsg(key, goType string) string {
	where := rawTypeNames[goType]
	if where == "" {
		where = "this mapping"
	}
	msg := fmt.Sprintf("unknown key %q in %s", key, where)
	if s := closestKey(key, knownKeys(goType)); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

func wrongTypeProblem(line int, tag, shown, goType string, ix *lineIndex) (Problem, string) {
	found := map[string]string{"seq": "a list", "map": "a mapping"}[tag]
	kind := yaml.ScalarNode
	switch tag {
	case "seq":
		kind = yaml.SequenceNode
	case "map":
		kind = yaml.MappingNode
	}
	key, value := "", strings.TrimSuffix(shown, "...")
	if ix != nil {
		key, value = ix.keyFor(line, kind, shown)
	}
	if found == "" {
		found = strconv.Quote(value)
	}
	msg := fmt.Sprintf("expected %s, found %s", describeGoType(goType), found)
	if key != "" {
		msg = key + ": " + msg
	}
	return Problem{line, msg}, key
}

func describeGoType(t string) string {
	switch {
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case t == "float64":
		return "a number"
	case t == "int":
		return "a whole number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case rawTypeNames[t] != "":
		return "a mapping (" + rawTypeNames[t] + ")"
	}
	return t
}

// rawTypes lets messages list the keys a mapping accepts.
var rawTypes = []any{rawTable{}, rawSource{}, rawModel{}, rawPrices{}, rawLongContext{}, rawFast{}, rawTier{},
	rawLimits{}, rawBatch{}, rawPlan{}, rawAllowance{}, rawRange{}, rawSpeed{}, rawMeter{}, rawCredits{}}

func knownKeys(goType string) []string {
	for _, r := range rawTypes {
		if t := reflect.TypeOf(r); t.String() == goType {
			return structKeys(t)
		}
	}
	return nil
}

// structKeys lists the YAML keys of a raw type, inlined blocks included.
func structKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")
		if len(tag) > 1 && tag[1] == "inline" {
			keys = append(keys, structKeys(t.Field(i).Type)...)
			continue
		}
		keys = append(keys, tag[0])
	}
	return keys
}

// closestKey suggests a known key within two edits of a misspelt one.
func closestKey(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
