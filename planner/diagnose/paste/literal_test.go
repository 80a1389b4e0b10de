package paste

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLiteralToJSON(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"python dict", `{'type': 'error', 'n': 3, 'ok': True, 'none': None}`, `{"type":"error","n":3,"ok":true,"none":null}`},
		{"python double quotes around an apostrophe", `{'message': "your account's limit"}`, `{"message":"your account's limit"}`},
		{"python escapes", `{'m': 'a\'b\\c\n\x41\u00e9'}`, `{"m":"a'b\\c\nAé"}`},
		{"python tuple list", `[('date', 'x'), ('retry-after', '5')]`, `[["date","x"],["retry-after","5"]]`},
		{"httpx Headers repr", `Headers({'retry-after': '5'})`, `{"retry-after":"5"}`},
		{"node unquoted keys and quoted names", "{\n  status: 429,\n  'retry-after': '12',\n}", `{"status":429,"retry-after":"12"}`},
		{"node string concatenation", "{ message: 'This request ' +\n    'would exceed' }", `{"message":"This request would exceed"}`},
		{"node placeholders", `{ a: [Object], b: [Function: f], c: [Array] }`, `{"a":null,"b":null,"c":null}`},
		{"node class name before a brace", `Headers { 'x-a': '1' }`, `{"x-a":"1"}`},
		{"numbers JSON does not write as Python does", `[1., 01, -.5, 1_000, +2]`, `[1,1,-0.5,1000,2]`},
		{"javascript words", `[true, false, null, undefined, NaN]`, `[true,false,null,null,null]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := literalToJSON([]byte(tc.in))
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestLiteralToJSONBadInputs(t *testing.T) {
	for _, in := range []string{
		"", "{", "{'a' 1}", "{'a': }", "[1 2]", "'unterminated", "{'a': 'line\nbreak'}", "@", "{a b}",
		strings.Repeat("[", 200) + strings.Repeat("]", 200), // deeper than maxLitDepth
		"{'a': 1e999}",
	} {
		if got, _, err := literalToJSON([]byte(in)); err == nil {
			t.Errorf("literalToJSON(%q) = %s, want an error", in, got)
		}
	}
}

// FuzzLiteralToJSON: whatever the input, the result is valid JSON or an
// error, and never a panic.
func FuzzLiteralToJSON(f *testing.F) {
	for _, s := range []string{`{'a': [1, (2, 3)], "b": None}`, "{ x: 'a' +\n 'b' }", "Headers({'a': 'b'})", "[Object]", "<ref *1> {}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, used, err := literalToJSON([]byte(s))
		if err != nil {
			return
		}
		if !json.Valid(got) {
			t.Fatalf("literalToJSON(%q) = %s is not JSON", s, got)
		}
		if used < 0 || used > len(s) {
			t.Fatalf("consumed %d of %d bytes", used, len(s))
		}
	})
}
