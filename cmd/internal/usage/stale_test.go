package usage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// TestUsageStalenessNamesTheOldestPriceUsed: the staleness warning names
// the oldest figure the report used (a price of a model that priced calls),
// not an older figure that priced nothing (a context window) nor the
// table's own date.
func TestUsageStalenessNamesTheOldestPriceUsed(t *testing.T) {
	b, err := os.ReadFile(usageTiers)
	if err != nil {
		t.Fatal(err)
	}
	table := strings.Replace(string(b), "as_of: 2025-11-01", "as_of: 2025-11-05", 1)
	table = strings.Replace(table,
		"price_per_mtok: {input: 3.00, output: 15.00, cache_write_5m: 3.75, cache_write_1h: 6.00, cache_read: 0.30}",
		"price_per_mtok: {input: 3.00, output: 15.00, cache_write_5m: 3.75, cache_write_1h: 6.00, cache_read: 0.30, as_of: 2025-03-01, source: old page}", 1)
	table = strings.Replace(table, "context_window: 200000", "context_window: {value: 200000, as_of: 2024-01-01, source: older page}", 1)
	path := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cmdtest.RunExact(t, root.Main, nil, cmdtest.LogsNow, false, "--tiers", path, "usage", "--tz", "UTC", usageFixture)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	want := "the oldest figure this answer used, models.sonnet.price_per_mtok.input ($3), is 250 days old (as_of 2025-03-01)"
	if !strings.Contains(r.Stderr, want) || strings.Contains(r.Stderr, "context_window") {
		t.Fatalf("stderr %q, want the warning %q", r.Stderr, want)
	}
	// Fresh figures: no warning at all, though the table is older than
	// the clock.
	r = runUsageCmd(t, nil, false, "--tz", "UTC", usageFixture)
	if strings.Contains(r.Stderr, "days old") {
		t.Fatalf("fresh figures warned: %q", r.Stderr)
	}
}
