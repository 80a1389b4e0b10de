package cmdutil

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
