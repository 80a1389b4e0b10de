package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // pgx's database/sql driver

	"github.com/tierplan/tierplan/planner/limiter"
)

// pgStore is the PostgreSQL store: records, spending and pacing shared by
// every proxy instance that names the same database.
type pgStore struct {
	*sqlStore
}

func openPostgres(ctx context.Context, dsn string) (Store, error) {
	name := "postgres " + redactDSN(dsn)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	s := &pgStore{&sqlStore{db: db, name: name, rebind: questionToDollar,
		upsertKV: `INSERT INTO proxy_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`}}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// Two instances starting together create the tables one after the other.
	if _, err := db.ExecContext(ctx, `SELECT pg_advisory_lock(727201)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	err = s.migrate(ctx, append(append([]string{}, schemaSQL...), bucketSchemaSQL))
	_, _ = db.ExecContext(ctx, `SELECT pg_advisory_unlock(727201)`)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// redactDSN drops the passwords from a connection URL, for messages: the
// one in its user information and those the driver also takes from the
// query (password=, sslpassword=).
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unreadable URL)"
	}
	if u.RawQuery != "" {
		pairs := strings.Split(u.RawQuery, "&")
		for i, pair := range pairs {
			raw, _, _ := strings.Cut(pair, "=")
			key, err := url.QueryUnescape(raw)
			if err != nil || strings.EqualFold(key, "password") || strings.EqualFold(key, "sslpassword") {
				pairs[i] = raw + "=xxxxx"
			}
		}
		u.RawQuery = strings.Join(pairs, "&")
	}
	return u.Redacted()
}

// Update locks the pool for this transaction (every instance asks for the
// same advisory lock), reads its buckets, lets fn change them, and saves
// them.
func (s *pgStore) Update(ctx context.Context, pool string, fn func(map[string]limiter.BucketState) map[string]limiter.BucketState) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "tierplan-proxy-pool:"+pool); err != nil {
		return fmt.Errorf("%s: lock pool %s: %w", s.name, pool, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT bucket, per_minute, window_ms, level, last_ms FROM proxy_buckets WHERE pool = $1`, pool)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	states := map[string]limiter.BucketState{}
	for rows.Next() {
		var name string
		var b limiter.BucketState
		if err := rows.Scan(&name, &b.PerMinute, &b.WindowMs, &b.Level, &b.LastMs); err != nil {
			rows.Close()
			return fmt.Errorf("%s: %w", s.name, err)
		}
		states[name] = b
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	for name, b := range fn(states) {
		_, err := tx.ExecContext(ctx, `INSERT INTO proxy_buckets (pool, bucket, per_minute, window_ms, level, last_ms)
 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (pool, bucket) DO UPDATE SET
 per_minute = excluded.per_minute, window_ms = excluded.window_ms, level = excluded.level, last_ms = excluded.last_ms`,
			pool, name, b.PerMinute, b.WindowMs, b.Level, b.LastMs)
		if err != nil {
			return fmt.Errorf("%s: save bucket %s/%s: %w", s.name, pool, name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}
