package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is kept", "rate_limit_error: 30,000 input tokens", "rate_limit_error: 30,000 input tokens"},
		{"non-ASCII letters and symbols are kept", "resets 6pm · Zürich ⎿ 日本", "resets 6pm · Zürich ⎿ 日本"},
		{"ESC sequence", "\x1b[2Jgone", `\x1b[2Jgone`},
		{"OSC window title with BEL", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"newline, tab, carriage return", "a\nb\tc\rd", `a\nb\tc\rd`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"C1 CSI as UTF-8", "a\u009b31mb", `a\u009b31mb`},
		{"bidi override (Trojan Source)", "req_\u202eevil", `req_\u202eevil`},
		{"bidi isolate", "x\u2066y\u2069", `x\u2066y\u2069`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid UTF-8 byte", "a\xffb", `a\xffb`},
		{"truncated UTF-8 sequence", "a\xe2\x82", `a\xe2\x82`},
		{"backslashes are kept", `C:\temp\x41`, `C:\temp\x41`},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLineAndQuote(t *testing.T) {
	if got := Line("abcdef", 3); got != "abc…" {
		t.Errorf("Line cut = %q", got)
	}
	// The cut is counted in runes before escaping: one ESC is one rune, and
	// its escape is never split.
	if got := Line("\x1b\x1b\x1b\x1b", 2); got != `\x1b\x1b…` {
		t.Errorf("Line cut of escapes = %q", got)
	}
	if got := Line("äöü", 0); got != "äöü" {
		t.Errorf("Line without a cut = %q", got)
	}
	if got := Quote(" \x00", 10); got != `" \x00"` {
		t.Errorf("Quote = %q", got)
	}
}

// FuzzEscape: the output never carries a byte a terminal acts on, is valid
// UTF-8, and escaping it again changes nothing.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31m", "\u202e", "\xff\xfe", "\u009b", `\x1b`, "a\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Escape(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Escape(%q) = %q is not valid UTF-8", s, got)
		}
		if !safe(got) {
			t.Fatalf("Escape(%q) = %q still holds an unsafe character", s, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("Escape(%q) = %q holds %U", s, got, r)
			}
		}
		if again := Escape(got); again != got {
			t.Fatalf("not idempotent: %q then %q", got, again)
		}
		if safe(s) && got != s {
			t.Fatalf("safe text changed: %q → %q", s, got)
		}
		if !strings.Contains(s, "\\") && strings.Count(got, "\\") < strings.Count(s, "\\") {
			t.Fatalf("backslashes lost")
		}
	})
}
