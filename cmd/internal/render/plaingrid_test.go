package render

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// The plain grid is drawn byte for byte as tablewriter draws it, over
// random grids: cells empty, padded with spaces, of every printable ASCII
// byte, wider and narrower than their header, with and without columns
// aligned right, with and without rows.
func TestPlainGridIsTablewritersTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cell := func() string {
		var b strings.Builder
		for n := rng.IntN(9); n > 0; n-- {
			switch rng.IntN(5) {
			case 0:
				b.WriteByte(' ')
			default:
				b.WriteByte(byte(0x21 + rng.IntN(0x7e-0x21+1)))
			}
		}
		return b.String()
	}
	for n := 0; n < 2000; n++ {
		cols := 1 + rng.IntN(6)
		g := Grid{Header: make([]string, cols)}
		for i := range g.Header {
			g.Header[i] = strings.ToUpper(cell())
		}
		for r := rng.IntN(5); r > 0; r-- {
			row := make([]string, cols)
			for i := range row {
				row[i] = cell()
			}
			g.Rows = append(g.Rows, row)
		}
		if rng.IntN(2) == 0 {
			g.RightAlign = make([]bool, rng.IntN(cols+1))
			for i := range g.RightAlign {
				g.RightAlign[i] = rng.IntN(2) == 0
			}
		}
		if !plainGrid(g) {
			t.Fatalf("%q is plain", g.Header)
		}
		var want, got bytes.Buffer
		if err := writeTablewriter(&want, g, nil); err != nil {
			t.Fatal(err)
		}
		if err := writePlainGrid(&got, g); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("grid %q (right %v):\ngot\n%s\nwant (tablewriter)\n%s", g.Header, g.RightAlign, got.String(), want.String())
		}
	}
}

// Grids that are not plain go to tablewriter.
func TestPlainGridRefuses(t *testing.T) {
	for name, g := range map[string]Grid{
		"no header":      {},
		"short row":      {Header: []string{"A", "B"}, Rows: [][]string{{"x"}}},
		"long row":       {Header: []string{"A"}, Rows: [][]string{{"x", "y"}}},
		"two lines":      {Header: []string{"A"}, Rows: [][]string{{"x\ny"}}},
		"tab":            {Header: []string{"A"}, Rows: [][]string{{"x\ty"}}},
		"wide character": {Header: []string{"A"}, Rows: [][]string{{"東京"}}},
		"accent":         {Header: []string{"É"}},
		"delete":         {Header: []string{"A"}, Rows: [][]string{{"\x7f"}}},
	} {
		if plainGrid(g) {
			t.Errorf("%s: taken as plain", name)
		}
	}
}

// BenchmarkTableDays is the day table of a year of usage (250 rows of 8
// columns) drawn the plain way and by tablewriter:
//
//	go test -run '^$' -bench TableDays -benchmem ./cmd/internal/render
func BenchmarkTableDays(b *testing.B) {
	g := Grid{Header: []string{"DATE", "REQUESTS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "TOTAL TOKENS", "COST"},
		RightAlign: []bool{false, true, true, true, true, true, true, true}}
	for i := 0; i < 250; i++ {
		g.Rows = append(g.Rows, []string{"2026-03-14", "367", "2,420", "343,503", "2,141,693", "21,677,022", "24,164,638", "$18.64"})
	}
	for _, c := range []struct {
		name  string
		write func(io.Writer, Grid) error
	}{{"plain", writePlainGrid}, {"tablewriter", func(w io.Writer, g Grid) error { return writeTablewriter(w, g, nil) }}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.write(io.Discard, g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
