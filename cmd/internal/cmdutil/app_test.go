package cmdutil

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers/tablecache"
)

func testApp(tiersFlag string) (*App, *bytes.Buffer) {
	var stderr bytes.Buffer
	env := Env{Stderr: &stderr, Getenv: func(string) string { return "" }, Now: func() time.Time { return time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC) }}
	app := NewApp(env)
	app.TiersFlag = tiersFlag
	return app, &stderr
}

// A table StartTable loads on another goroutine is the one Table loads
// itself, and the staleness warning is given once, by Table.
func TestStartTableIsTheTableTableLoads(t *testing.T) {
	direct, _ := testApp("")
	want, err := direct.Table()
	if err != nil {
		t.Fatal(err)
	}
	app, stderr := testApp("")
	app.StartTable()
	app.StartTable() // a second start is a no-op
	got, err := app.Table()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := app.Table(); again != got {
		t.Error("a second Table loaded the table again")
	}
	if got.Origin != want.Origin || got.AsOf != want.AsOf || len(got.Models) != len(want.Models) || len(got.Tiers) != len(want.Tiers) {
		t.Errorf("StartTable's table differs: %s %v %d models vs %s %v %d", got.Origin, got.AsOf, len(got.Models), want.Origin, want.AsOf, len(want.Models))
	}
	if n := strings.Count(stderr.String(), "warning"); n != 1 {
		t.Errorf("%d staleness warnings, want 1: %q", n, stderr.String())
	}
}

// A broken table's error comes out of Table after StartTable, as it would
// without it.
func TestStartTableKeepsTheTablesError(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(bad, []byte("schema_version: 1\nmodels: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	direct, _ := testApp(bad)
	_, want := direct.Table()
	app, _ := testApp(bad)
	app.StartTable()
	_, err := app.Table()
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("error %v, want %v", err, want)
	}
}

// cachedApp is testApp with its cache directory in a temporary one.
func cachedApp(t *testing.T) (*App, string) {
	t.Helper()
	cache := t.TempDir()
	app, _ := testApp("")
	app.Env.Getenv = func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return cache
		}
		return ""
	}
	return app, filepath.Join(cache, "tierplan", tablecache.FileName)
}

// Settle waits for a load StartTable began and no command waited for, so
// nothing writes to the cache directory once the command is over.
func TestSettleWaitsForTheTablesLoad(t *testing.T) {
	app, kept := cachedApp(t)
	app.StartTable()
	app.Settle()
	if app.pending != nil {
		t.Fatal("the load is still pending after Settle")
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the table's copy is not written once the load settled: %v", err)
	}
	app.Settle() // nothing pending: a no-op
}

// The table is kept in the cache directory, and read back the same, but
// not with NoCache (usage --no-cache).
func TestTableKeptUnlessNoCache(t *testing.T) {
	app, kept := cachedApp(t)
	app.NoCache = true
	if _, err := app.Table(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); err == nil {
		t.Fatal("a copy was kept with NoCache")
	}
	app.NoCache, app.table = false, nil
	first, err := app.Table()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Fatalf("no copy kept: %v", err)
	}
	app.table = nil
	again, err := app.Table()
	if err != nil || !reflect.DeepEqual(first, again) {
		t.Errorf("the table read back from its copy differs (%v)", err)
	}
}
