package jsonscan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// walk validates a whole text.
func walk(b []byte) error {
	var s Scanner
	s.Reset(b)
	if err := s.Value(); err != nil {
		return err
	}
	return s.End()
}

func TestValidAndInvalidTexts(t *testing.T) {
	valid := []string{
		`{}`, `[]`, `""`, `0`, `-0`, `-1.5e+3`, `1E-2`, `true`, `false`, `null`, ` {"a" : [1, {"b":null}] } `,
		`"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, "\"caf\xc3\xa9\"", `{"a":1,"a":2}`, `"` + strings.Repeat("x", 100) + `"`,
	}
	invalid := []string{
		``, ` `, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,"a":1}`, `01`, `1.`, `.5`, `1e`, `+1`, `-`,
		`tru`, `nul`, `"abc`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"a\tb\"", "\"a\x01\"", `{"a":1} x`, `[1 2]`, `{"a" 1}`,
		`{1:2}`, strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
	}
	for _, v := range valid {
		if err := walk([]byte(v)); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
	for _, v := range invalid {
		if err := walk([]byte(v)); err == nil {
			t.Errorf("%q: accepted", v)
		}
	}
}

func TestNonASCIIIsNoticed(t *testing.T) {
	var s Scanner
	for text, want := range map[string]bool{`"plain ascii text of some length"`: false, "\"long ascii prefix then caf\xc3\xa9\"": true} {
		s.Reset([]byte(text))
		if err := s.Value(); err != nil || s.NonASCII() != want {
			t.Errorf("%q: err %v, non-ASCII %v", text, err, s.NonASCII())
		}
	}
}

func TestMembersInOrder(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"a": 1, "b\u0063": [2], "d": {"e": "f"}}`))
	if s.Peek() != '{' || s.Enter() != nil {
		t.Fatal("no object")
	}
	var keys []string
	for n := 0; ; n++ {
		key, escaped, ok, err := s.Member(n)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if escaped {
			key = AppendUnescaped(nil, key)
		}
		keys = append(keys, string(key))
		if err := s.Value(); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(keys, ",") != "a,bc,d" || s.End() != nil {
		t.Fatalf("keys %v", keys)
	}
}

// FuzzScannerAgreesWithEncodingJSON: the scanner accepts exactly the texts
// encoding/json accepts (nesting up to MaxDepth), and resolves the escapes
// of a string as encoding/json does, surrogates aside.
func FuzzScannerAgreesWithEncodingJSON(f *testing.F) {
	for _, seed := range []string{`{"a":[1,2,{"b":"c\n"}]}`, `"\ud83d\ude00"`, `-1.5e3`, `[true,false,null]`, `{"a":}`, "\"\x01\""} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if bytes.Count(b, []byte("["))+bytes.Count(b, []byte("{")) > MaxDepth {
			return
		}
		if got, want := walk(b) == nil, json.Valid(b); got != want {
			t.Fatalf("%q: scanner %v, encoding/json %v", b, got, want)
		}
		var s Scanner
		s.Reset(b)
		if s.Peek() != '"' || bytes.Contains(b, []byte(`\u`)) {
			return
		}
		start, end, _, err := s.Str()
		if err != nil || s.End() != nil {
			return
		}
		var want string
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		if got := AppendUnescaped(nil, b[start:end]); string(got) != want && utf8.Valid(b) {
			t.Fatalf("%q: %q, want %q", b, got, want)
		}
	})
}
