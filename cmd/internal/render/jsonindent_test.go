package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/planner/termsafe"
)

// randomValue is a random JSON document's value: objects, arrays (empty
// ones too), strings full of quotes, backslashes and escapes, numbers,
// booleans and nulls.
func randomValue(rng *rand.Rand, depth int) any {
	switch k := rng.IntN(8); {
	case depth > 0 && k == 0:
		m := map[string]any{}
		for n := rng.IntN(4); n > 0; n-- {
			m[randomString(rng)] = randomValue(rng, depth-1)
		}
		return m
	case depth > 0 && k == 1:
		var a []any
		for n := rng.IntN(4); n > 0; n-- {
			a = append(a, randomValue(rng, depth-1))
		}
		if a == nil {
			return []any{}
		}
		return a
	case k == 2:
		return rng.Float64() * 1e6
	case k == 3:
		return rng.IntN(2) == 0
	case k == 4:
		return nil
	}
	return randomString(rng)
}

func randomString(rng *rand.Rand) string {
	pieces := []string{`"`, `\`, `\\`, `\"`, "\n", "\t", "é", "東", "\u2028", "{", "}", "[", "]", ",", ":", " ", "a", "<&>", "\x01"}
	var b strings.Builder
	for n := rng.IntN(6); n > 0; n-- {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func compactJSON(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// appendIndented is json.Indent on what the encoder writes, byte for byte.
func TestAppendIndentedIsJSONIndent(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		src := compactJSON(t, randomValue(rng, 4))
		var want bytes.Buffer
		if err := json.Indent(&want, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, src, "  "); string(got) != strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("%s:\ngot\n%s\nwant\n%s", src, got, want.String())
		}
	}
}

// FuzzAppendIndented: on any valid JSON, compacted as the encoder would
// write it, appendIndented gives what json.Indent gives; on anything else
// it neither panics nor loops.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{},[]],"b\"":"\\"}`, `"x`, `[1,`, `\`, `{"a":"\\\"}"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = appendIndented(nil, []byte(s), "  ") // any input: no panic, no loop
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(s)) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact.Bytes(), "  "); string(got) != want.String() {
			t.Fatalf("%q:\ngot  %q\nwant %q", compact.String(), got, want.String())
		}
	})
}

// BenchmarkJSONIndent indents a 1.3 MB document as JSON writes it, and
// with json.Indent:
//
//	go test -run '^$' -bench JSONIndent -benchmem ./cmd/internal/render
func BenchmarkJSONIndent(b *testing.B) {
	rows := make([]map[string]any, 6000)
	for i := range rows {
		rows[i] = map[string]any{"date": "2026-03-14", "requests": 367, "input": 2420, "output": 343503, "cost": "$18.64", "model": "claude-sonnet-4-5", "session": "e7f4236c-5dca-476c-83b0-7f0ecc2896cc"}
	}
	src := compactJSON(b, map[string]any{"rows": rows})
	b.SetBytes(int64(len(src)))
	b.Run("appendIndented", func(b *testing.B) {
		for b.Loop() {
			appendIndented(make([]byte, 0, 2*len(src)), src, "  ")
		}
	})
	b.Run("json.Indent", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			if err := json.Indent(&buf, src, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// JSON written in pieces of any size is JSON written whole, byte for
// byte: json.Indent's output, made terminal-safe, with a final newline;
// each piece a write of its own, cut only at a line break (so never inside
// a string or a character).
func TestJSONWrittenInPiecesIsTheWhole(t *testing.T) {
	before := jsonChunk
	t.Cleanup(func() { jsonChunk = before })
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 500; n++ {
		v := randomValue(rng, 5)
		var want bytes.Buffer
		if err := json.Indent(&want, compactJSON(t, v), "", "  "); err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 7, 64, 1 << 20} {
			jsonChunk = size
			var got piecesWriter
			if err := JSON(&got, v); err != nil {
				t.Fatal(err)
			}
			if w := string(termsafe.Encoded(want.Bytes())); got.String() != w {
				t.Fatalf("pieces of %d:\ngot\n%s\nwant\n%s", size, got.String(), w)
			}
			for _, p := range got.pieces { // each ends at a line break: a newline and its indent
				if !bytes.HasSuffix(bytes.TrimRight(p, " "), []byte{'\n'}) {
					t.Fatalf("pieces of %d: a piece ends inside a line: %q", size, p)
				}
			}
		}
	}
}

type piecesWriter struct {
	bytes.Buffer
	pieces [][]byte
}

func (p *piecesWriter) Write(b []byte) (int, error) {
	p.pieces = append(p.pieces, bytes.Clone(b))
	return p.Buffer.Write(b)
}

// A write that fails ends JSON with its error, and nothing more is
// written after it.
func TestJSONStopsAtAWriteError(t *testing.T) {
	before := jsonChunk
	t.Cleanup(func() { jsonChunk = before })
	jsonChunk = 16
	w := &failingWriter{after: 2}
	v := map[string]any{"a": []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "b": strings.Repeat("x", 100)}
	if err := JSON(w, v); err == nil || w.writes != 3 {
		t.Fatalf("err %v after %d writes, want the third write's error and no fourth", err, w.writes)
	}
}

type failingWriter struct{ after, writes int }

func (f *failingWriter) Write(b []byte) (int, error) {
	f.writes++
	if f.writes > f.after {
		return 0, errors.New("broken pipe")
	}
	return len(b), nil
}
