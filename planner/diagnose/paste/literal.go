package paste

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"sync"
)

// literalToJSON converts a Python or JavaScript literal, as repr() or Node's
// util.inspect print them, into JSON: single-quoted strings, unquoted keys,
// True/False/None, tuples, trailing commas, a class name before a brace
// ("Headers({…})", "Headers {…}"), strings split with "+" across lines,
// and inspect's placeholders ([Object], [Function: f], <ref *1>) as null.
// It reads one value starting at s[0] and returns the JSON and how many
// bytes it consumed.
func literalToJSON(s []byte) ([]byte, int, error) {
	p := &litParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, p.i, err
	}
	var b bytes.Buffer
	writeLit(&b, v)
	return b.Bytes(), p.i, nil
}

// maxLitDepth keeps a hostile paste of nested brackets from exhausting the
// stack.
const maxLitDepth = 64

var errLiteral = errors.New("not a Python or JavaScript literal")

// reJSONNumber is a number as JSON writes it. It is compiled on first use,
// not at package init: every command links this package, and only a paste
// being read needs it.
var reJSONNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)
})

type litMember struct {
	key string
	val any
}

// litObject keeps members in order, duplicates included.
type litObject []litMember

type litParser struct {
	s     []byte
	i     int
	depth int
}

func (p *litParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *litParser) peek() byte {
	p.skipSpace()
	if p.i >= len(p.s) {
		return 0
	}
	return p.s[p.i]
}

func (p *litParser) value() (any, error) {
	if p.depth++; p.depth > maxLitDepth {
		return nil, errLiteral
	}
	defer func() { p.depth-- }()
	switch c := p.peek(); {
	case c == '{':
		return p.object()
	case c == '[' || c == '(':
		if c == '[' && p.placeholder() {
			return nil, nil
		}
		return p.array()
	case c == '<':
		return p.angle()
	case c == '\'' || c == '"':
		return p.strings()
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.number()
	case isIdentStart(c):
		return p.word()
	}
	return nil, errLiteral
}

// placeholder skips Node's [Object], [Array], [Function: f], [Getter],
// [Circular *1] and reports whether it did.
func (p *litParser) placeholder() bool {
	j := p.i + 1
	if j >= len(p.s) || !isIdentStart(p.s[j]) {
		return false
	}
	for j < len(p.s) && isIdentChar(p.s[j]) {
		j++
	}
	if j < len(p.s) && (p.s[j] == ']' || p.s[j] == ':' || p.s[j] == ' ') {
		end := bytes.IndexByte(p.s[j:], ']')
		if end < 0 || bytes.IndexByte(p.s[j:j+end], '\n') >= 0 {
			return false
		}
		p.i = j + end + 1
		return true
	}
	return false
}

// angle skips "<ref *1>" and similar markers before a value.
func (p *litParser) angle() (any, error) {
	end := bytes.IndexByte(p.s[p.i:], '>')
	if end < 0 {
		return nil, errLiteral
	}
	p.i += end + 1
	if c := p.peek(); c == '{' || c == '[' {
		return p.value()
	}
	return nil, nil
}

func (p *litParser) object() (any, error) {
	p.i++ // {
	var obj litObject
	for {
		c := p.peek()
		if c == '}' {
			p.i++
			return obj, nil
		}
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		if p.peek() != ':' {
			return nil, errLiteral
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		obj = append(obj, litMember{key, v})
		switch p.peek() {
		case ',':
			p.i++
		case '}':
		default:
			return nil, errLiteral
		}
	}
}

func (p *litParser) key() (string, error) {
	switch c := p.peek(); {
	case c == '\'' || c == '"':
		v, err := p.strings()
		if err != nil {
			return "", err
		}
		return v.(string), nil
	case c == '[' && p.placeholder(): // [Symbol(x)]: …
		return "", nil
	case c == '-' || (c >= '0' && c <= '9'):
		v, err := p.number()
		if err != nil {
			return "", err
		}
		return string(v.(json.Number)), nil
	case isIdentStart(c):
		start := p.i
		for p.i < len(p.s) && isIdentChar(p.s[p.i]) {
			p.i++
		}
		return string(p.s[start:p.i]), nil
	}
	return "", errLiteral
}

func (p *litParser) array() (any, error) {
	closer := byte(']')
	if p.s[p.i] == '(' {
		closer = ')'
	}
	p.i++
	arr := []any{}
	for {
		if p.peek() == closer {
			p.i++
			return arr, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		switch p.peek() {
		case ',':
			p.i++
		case closer:
		default:
			return nil, errLiteral
		}
	}
}
