package tablecache

import (
	"testing"

	tierplan "github.com/tierplan/tierplan"
)

// BenchmarkLoadKept is loading the embedded table from its kept copy:
// reading the file, checking its key and checksum, decoding the gob
// (against tiers' BenchmarkParseDefault, the parse it saves).
func BenchmarkLoadKept(b *testing.B) {
	dir := b.TempDir()
	if _, err := Load(embedded, tierplan.DefaultTiers, dir); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(embedded, tierplan.DefaultTiers, dir); err != nil {
			b.Fatal(err)
		}
	}
}
