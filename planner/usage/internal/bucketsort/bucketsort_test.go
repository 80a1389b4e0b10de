package bucketsort

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

type key struct {
	a uint64
	b int32
	i int
}

func byKey(x, y key) int {
	if c := cmp.Compare(x.a, y.a); c != 0 {
		return c
	}
	if c := cmp.Compare(x.b, y.b); c != 0 {
		return c
	}
	return cmp.Compare(x.i, y.i)
}

// Sort is slices.SortFunc's order, whatever the spread of the ranks:
// hashes, a narrow range, a few values repeated, one value, the extremes
// of uint64, sizes below and above the buckets' threshold.
func TestSortIsSortFunc(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	spreads := map[string]func() uint64{
		"hashes":   rng.Uint64,
		"narrow":   func() uint64 { return 1_700_000_000 + rng.Uint64N(30_000_000) },
		"repeated": func() uint64 { return rng.Uint64N(5) },
		"one":      func() uint64 { return 42 },
		"extremes": func() uint64 { return []uint64{0, 1, 1 << 63, ^uint64(0)}[rng.IntN(4)] },
	}
	for name, draw := range spreads {
		for _, n := range []int{0, 1, 2, 100, 16383, 16384, 20000, 100000} {
			s := make([]key, n)
			for i := range s {
				s[i] = key{draw(), rng.Int32N(3), i}
			}
			want := slices.Clone(s)
			slices.SortFunc(want, byKey)
			got := Sort(s, func(k key) uint64 { return k.a }, byKey)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, %d keys: not slices.SortFunc's order", name, n)
			}
		}
	}
}

// BenchmarkSort sorts 75,000 hashed ids, the size of a year of usage, as
// the merge does, against one comparison sort:
//
//	go test -run '^$' -bench . ./planner/usage/internal/bucketsort
func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	s := make([]key, 75000)
	for i := range s {
		s[i] = key{rng.Uint64(), 0, i}
	}
	b.Run("bucketsort", func(b *testing.B) {
		for b.Loop() {
			Sort(slices.Clone(s), func(k key) uint64 { return k.a }, byKey)
		}
	})
	b.Run("slices.SortFunc", func(b *testing.B) {
		for b.Loop() {
			slices.SortFunc(slices.Clone(s), byKey)
		}
	})
}
