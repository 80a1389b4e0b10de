package termsafe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"two\nlines":              "two\nlines",
		"model \x1b[2Jx\nnext\r":  `model \x1b[2Jx` + "\n" + `next\r`,
		"tab\there\n\u202eevil\n": `tab\there` + "\n" + `\u202eevil` + "\n",
		"":                        "",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodedKeepsJSONData(t *testing.T) {
	v := map[string]string{"project": "/home/\u202eevil\u0085\u009b2J\x7f\u2066x"}
	raw, _ := json.Marshal(v)
	got := Encoded(raw)
	if want := `{"project":"/home/\u202eevil\u0085\u009b2J\u007f\u2066x"}`; string(got) != want {
		t.Errorf("Encoded = %s\nwant      %s", got, want)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["project"] != v["project"] {
		t.Errorf("read back %q, %v", back, err)
	}
}

// FuzzText: no line of the output carries anything a terminal acts on, the
// line breaks are those of the input, and a second pass changes nothing.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\x1b[31m\n\u202e", "\xff\n\xfe", "\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		for _, r := range got {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unsafeRune(r)) {
				t.Fatalf("Text(%q) = %q holds %U", s, got, r)
			}
		}
		if strings.Count(got, "\n") != strings.Count(s, "\n") {
			t.Fatalf("Text(%q) = %q: the line breaks changed", s, got)
		}
		if Text(got) != got {
			t.Fatalf("not idempotent: %q", got)
		}
	})
}

// FuzzEncoded: whatever string JSON encodes, the encoding made safe reads
// back as the same string and holds nothing a terminal acts on.
func FuzzEncoded(f *testing.F) {
	for _, s := range []string{"", "plain", "\u202e", "\u0085\x7f", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		raw, _ := json.Marshal(s)
		got := Encoded(raw)
		for _, r := range string(got) {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && unsafeRune(r)) {
				t.Fatalf("Encoded(%s) = %s holds %U", raw, got, r)
			}
		}
		var back, want string
		_ = json.Unmarshal(raw, &want)
		if err := json.Unmarshal(got, &back); err != nil || back != want {
			t.Fatalf("Encoded(%s) = %s reads back %q, want %q (%v)", raw, got, back, want, err)
		}
	})
}

// encodedByRunes is Encoded as defined: every rune looked at in turn.
func encodedByRunes(b []byte) []byte {
	var out []byte
	changed := false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0x7f || (r >= 0x80 && unsafeRune(r)) {
			out = append(out, fmt.Sprintf(`\u%04x`, r)...)
			changed = true
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if !changed {
		return b
	}
	return out
}

// FuzzEncodedWordAtATime: the scan of eight bytes at a time finds what a
// scan of every rune finds, on any bytes (DEL, C1 controls and separators
// at every place in a word, invalid UTF-8, bytes of 0xff whose carry runs
// into the next).
func FuzzEncodedWordAtATime(f *testing.F) {
	for _, s := range []string{"", "plain ascii text, longer than a word", "abcdefg\x7f", "abcdefgh\x7f", "\xff\xff\x7e\x7e\x7e\x7e\x7e\x7e",
		"0123456\u0085rest", "→ safe arrow then \u202e", "\x7e\x7e\x7e\x7e\x7e\x7e\x7e\x7e\x7e", "abc\xe2\x80", "caf\u00e9 \u2028"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Encoded(b), encodedByRunes(b); !bytes.Equal(got, want) {
			t.Fatalf("Encoded(%q) = %q, want %q", b, got, want)
		}
	})
}

// BenchmarkEncoded is the pass over a 1 MB JSON report with nothing to
// escape but one arrow in a project path.
func BenchmarkEncoded(b *testing.B) {
	doc := []byte(strings.Repeat(`{"session_id": "8f1feabf-15ca-4da1-8fb2-7b1947c58ef0", "project": "/home/dev/api", "requests": 512},`+"\n", 10000))
	copy(doc[500:], "→")
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if len(Encoded(doc)) != len(doc) {
			b.Fatal("escaped")
		}
	}
}
