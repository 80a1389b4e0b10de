package tiers_test

import (
	"os"
	"path/filepath"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

// BenchmarkParseDefault is the cost every command pays to load the table.
func BenchmarkParseDefault(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(tierplan.DefaultTiers)))
	for b.Loop() {
		if _, err := tiers.Parse("tiers.yaml", tierplan.DefaultTiers); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAliasBomb: a billion-laughs file is refused before any
// alias is expanded.
func BenchmarkParseAliasBomb(b *testing.B) {
	data, err := os.ReadFile("testdata/broken/alias-bomb.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tiers.Parse("bomb.yaml", data); err == nil {
			b.Fatal("bomb accepted")
		}
	}
}

// BenchmarkLoadHuge100MB: a 100 MB file is refused from its size alone.
func BenchmarkLoadHuge100MB(b *testing.B) {
	p := filepath.Join(b.TempDir(), "huge.yaml")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tiers.Load(tiers.Source{Path: p}, nil); err == nil {
			b.Fatal("huge file accepted")
		}
	}
}

// BenchmarkParseLargestAccepted: the worst case under the size limit, a
// flow list of 1-character values filling MaxFileSize.
func BenchmarkParseLargestAccepted(b *testing.B) {
	data := []byte("schema_version: 1\npools: [")
	for len(data) < tiers.MaxFileSize-4 {
		data = append(data, "a,"...)
	}
	data = append(data, "]\n"...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tiers.Parse("big.yaml", data); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkDiffAprilToDefault compares the two shipped Anthropic tables.
func BenchmarkDiffAprilToDefault(b *testing.B) {
	data, err := os.ReadFile("examples/anthropic-2026-04.yaml")
	if err != nil {
		b.Fatal(err)
	}
	old, err := tiers.Parse("april", data)
	if err != nil {
		b.Fatal(err)
	}
	cur, err := tiers.Parse("default", tierplan.DefaultTiers)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(tiers.Diff(old, cur)) == 0 {
			b.Fatal("no changes")
		}
	}
}
