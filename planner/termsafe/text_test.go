package termsafe

import (
	"encoding/json"
	"strings"
	"testing"
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
