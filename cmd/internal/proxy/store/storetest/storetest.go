// Package storetest gives tests a PostgreSQL database of their own, or a
// clean skip where none is configured.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// PostgresEnv names the variable holding the URL of a PostgreSQL server the
// tests may create schemas in (.ci/run starts one and sets it).
const PostgresEnv = "TIERPLAN_TEST_POSTGRES"

// PostgresDSN returns a URL to a new, empty schema on the test server, and
// drops the schema when t ends; without the variable it skips t.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://USER@127.0.0.1:PORT/DB to run them", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil || u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" {
		t.Fatalf("%s must be a postgres:// URL on 127.0.0.1", PostgresEnv)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("create schema on the test server: %v", err)
	}
	t.Cleanup(func() {
		_, _ = db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		db.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
