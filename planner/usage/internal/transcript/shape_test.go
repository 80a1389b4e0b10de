package transcript

import "testing"

func TestLooksLikeObject(t *testing.T) {
	cases := map[string]bool{
		``:                 true, // a blank line is harmless
		"  \t\r":           true,
		`{}`:               true,
		` {"a":1} `:        true,
		`garbage`:          false,
		`[1,2]`:            false,
		`{"cut short`:      false,
		`x{}`:              false,
		`"just a string"`:  false,
		`{"a":1}trailing`:  false,
		"\t{\"a\":1}\r":    true,
		`}`:                false,
		`{`:                false,
		`12345`:            false,
		`{"type":"user"}x`: false,
	}
	for line, want := range cases {
		if got := LooksLikeObject([]byte(line)); got != want {
			t.Errorf("LooksLikeObject(%q) = %v, want %v", line, got, want)
		}
	}
}
