package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
)

// Store is where records go. Every method is safe for concurrent use.
type Store interface {
	// Insert writes records; an id already stored is skipped, so a retried
	// batch never doubles a row.
	Insert(ctx context.Context, recs []Record) error
	// Recent returns up to limit records, newest first.
	Recent(ctx context.Context, limit int) ([]Record, error)
	// Range returns the records with since ≤ time < until, oldest first; a
	// zero until is open.
	Range(ctx context.Context, since, until time.Time) ([]Record, error)
	// Spent is what user spent in each budget window.
	Spent(ctx context.Context, user string, w pacing.Windows) (pacing.Spent, error)
	// Describe names the store for messages, without any password.
	Describe() string
	Close() error
}

// SharedBuckets is a store through which several proxy instances share
// their rate-limit buckets (PostgreSQL). Update runs fn on a pool's saved
// buckets, by name, while every other instance waits, and saves what fn
// returns.
type SharedBuckets interface {
	Update(ctx context.Context, pool string, fn func(map[string]limiter.BucketState) map[string]limiter.BucketState) error
}

// Open opens the store a DSN names: postgres:// or postgresql:// for
// PostgreSQL; sqlite:PATH, or a plain path, for an SQLite file (its
// directory is created). The schema is created or checked.
func Open(ctx context.Context, dsn string) (Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case dsn == "":
		return nil, errors.New("no store given")
	}
	return openSQLite(ctx, strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "sqlite:"))
}

// OpenExisting opens a store to read it: like Open, but an SQLite file
// that does not exist is an error rather than a new, empty store.
func OpenExisting(ctx context.Context, dsn string) (Store, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") && dsn != "" {
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "sqlite:")
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("sqlite %s: %w", path, errors.Unwrap(err))
		}
	}
	return Open(ctx, dsn)
}

// SchemaVersion is the version of the tables; a store written by a newer
// version is refused rather than misread.
const SchemaVersion = 1

// sqlStore is the part both stores share.
type sqlStore struct {
	db       *sql.DB
	name     string
	rebind   func(string) string // ? placeholders to the driver's
	upsertKV string
}

func (s *sqlStore) Describe() string { return s.name }
func (s *sqlStore) Close() error     { return s.db.Close() }

func (s *sqlStore) migrate(ctx context.Context, schema []string) error {
	for _, q := range schema {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: create tables: %w", s.name, err)
		}
	}
	var v string
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT value FROM proxy_meta WHERE key = ?`), "schema_version").Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = s.db.ExecContext(ctx, s.rebind(s.upsertKV), "schema_version", fmt.Sprint(SchemaVersion))
		return err
	case err != nil:
		return fmt.Errorf("%s: read schema version: %w", s.name, err)
	case v != fmt.Sprint(SchemaVersion):
		return fmt.Errorf("%s: schema version %s is not supported (this build reads %d)", s.name, v, SchemaVersion)
	}
	return nil
}

// questionToDollar turns ? placeholders into PostgreSQL's $1, $2, …; the
// queries here hold no ? inside strings.
func questionToDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
