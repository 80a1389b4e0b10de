package paste

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The scalars of a Python or JavaScript literal (strings, numbers, words)
// and the JSON writer; literal.go has the containers.

// strings reads one quoted string and any that continue it: Python's
// adjacent literals ('a' 'b') and Node's 'a' + 'b' across lines.
func (p *litParser) strings() (any, error) {
	var b strings.Builder
	for {
		s, err := p.quoted()
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
		save := p.i
		c := p.peek()
		if c == '+' {
			p.i++
			c = p.peek()
		}
		if c != '\'' && c != '"' {
			p.i = save
			return b.String(), nil
		}
	}
}

// quoted reads a string in single or double quotes with Python/JS escapes.
func (p *litParser) quoted() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\n':
			return "", errLiteral
		case c != '\\':
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			return "", errLiteral
		}
		p.i += 2
		switch e := p.s[p.i-1]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'x':
			p.hexRune(&b, 2)
		case 'u':
			p.hexRune(&b, 4)
		case 'U':
			p.hexRune(&b, 8)
		default:
			b.WriteByte(e) // \' \" \\ and anything else as itself
		}
	}
	return "", errLiteral
}

func (p *litParser) hexRune(b *strings.Builder, digits int) {
	if p.i+digits > len(p.s) {
		return
	}
	n, err := strconv.ParseUint(string(p.s[p.i:p.i+digits]), 16, 32)
	if err != nil {
		return
	}
	p.i += digits
	if r := rune(n); utf8.ValidRune(r) {
		b.WriteRune(r)
	}
}

func (p *litParser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' || p.s[p.i] == '+' {
		p.i++
	}
	for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-_", p.s[p.i]) >= 0 {
		p.i++
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(p.s[start:p.i]), "+"), "_", "")
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, errLiteral
	}
	if !reJSONNumber().MatchString(text) { // "1.", "01", "-.5": valid Python, not JSON
		text = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return json.Number(text), nil
}

// word reads True/False/None and their JavaScript spellings, skips a class
// name before a brace or parenthesis (Headers({…}), Headers {…},
// CaseInsensitiveDict({…})), and turns any other bare word into null.
func (p *litParser) word() (any, error) {
	start := p.i
	for p.i < len(p.s) && (isIdentChar(p.s[p.i]) || p.s[p.i] == '.') {
		p.i++
	}
	switch string(p.s[start:p.i]) {
	case "True", "true":
		return true, nil
	case "False", "false":
		return false, nil
	case "None", "null", "undefined", "nan", "NaN", "inf", "Infinity":
		return nil, nil
	}
	if c := p.peek(); c == '{' || c == '[' {
		return p.value()
	}
	if p.peek() == '(' {
		p.i++
		if p.peek() == ')' {
			p.i++
			return nil, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, errLiteral
		}
		p.i++
		return v, nil
	}
	return nil, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentChar(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

func writeLit(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(string(x))
	case string:
		enc, _ := json.Marshal(x)
		b.Write(enc)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeLit(b, e)
		}
		b.WriteByte(']')
	case litObject:
		b.WriteByte('{')
		for i, m := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			enc, _ := json.Marshal(m.key)
			b.Write(enc)
			b.WriteByte(':')
			writeLit(b, m.val)
		}
		b.WriteByte('}')
	}
}
