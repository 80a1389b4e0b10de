package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

func (s *sqlStore) Insert(ctx context.Context, recs []Record) error {
	if len(recs) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer func() { _ = tx.Rollback() }()
	q := `INSERT INTO proxy_records (` + recordColumns + `) VALUES (` +
		strings.TrimSuffix(strings.Repeat("?, ", 26), ", ") + `) ON CONFLICT (id) DO NOTHING`
	stmt, err := tx.PrepareContext(ctx, s.rebind(q))
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer stmt.Close()
	for i := range recs {
		if _, err := stmt.ExecContext(ctx, values(&recs[i])...); err != nil {
			return fmt.Errorf("%s: insert record: %w", s.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}

func values(r *Record) []any {
	rl, _ := json.Marshal(r.RateLimit)
	if r.RateLimit == nil {
		rl = []byte("{}")
	}
	stream := 0
	if r.Stream {
		stream = 1
	}
	u := r.Usage
	return []any{r.ID, r.Time.UnixMilli(), r.User, r.Group, r.SessionID, r.Method, r.Path, r.Model, stream, r.Status, r.Outcome,
		u.Input, u.Output, u.CacheWrite5m, u.CacheWrite1h, u.CacheRead, int64(r.Cost),
		string(rl), r.RetryAfter, r.ShouldRetry, r.ErrorType, r.RequestID, r.QueuedMs, r.FirstByteMs, r.LatencyMs, r.Instance}
}

func (s *sqlStore) Recent(ctx context.Context, limit int) ([]Record, error) {
	return s.query(ctx, `SELECT `+recordColumns+` FROM proxy_records ORDER BY at_ms DESC, id DESC LIMIT ?`, limit)
}

func (s *sqlStore) Range(ctx context.Context, since, until time.Time) ([]Record, error) {
	end := int64(1<<62 - 1)
	if !until.IsZero() {
		end = until.UnixMilli()
	}
	return s.query(ctx, `SELECT `+recordColumns+` FROM proxy_records WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id`,
		since.UnixMilli(), end)
}

func (s *sqlStore) query(ctx context.Context, q string, args ...any) ([]Record, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return out, nil
}

func scan(rows *sql.Rows) (Record, error) {
	var r Record
	var at, cost int64
	var stream int
	var rl string
	u := &r.Usage
	err := rows.Scan(&r.ID, &at, &r.User, &r.Group, &r.SessionID, &r.Method, &r.Path, &r.Model, &stream, &r.Status, &r.Outcome,
		&u.Input, &u.Output, &u.CacheWrite5m, &u.CacheWrite1h, &u.CacheRead, &cost,
		&rl, &r.RetryAfter, &r.ShouldRetry, &r.ErrorType, &r.RequestID, &r.QueuedMs, &r.FirstByteMs, &r.LatencyMs, &r.Instance)
	if err != nil {
		return r, err
	}
	r.Time = time.UnixMilli(at).UTC()
	r.Stream = stream != 0
	r.Cost = tiers.Money(cost)
	if rl != "{}" && rl != "" {
		if err := json.Unmarshal([]byte(rl), &r.RateLimit); err != nil {
			return r, fmt.Errorf("record %s: rate-limit headers: %w", r.ID, err)
		}
	}
	return r, nil
}

func (s *sqlStore) Spent(ctx context.Context, user string, w pacing.Windows) (pacing.Spent, error) {
	day, week, month := w.DayStart.UnixMilli(), w.WeekStart.UnixMilli(), w.MonthStart.UnixMilli()
	q := `SELECT
 COALESCE(SUM(CASE WHEN at_ms >= ? THEN cost_micros ELSE 0 END), 0),
 COALESCE(SUM(CASE WHEN at_ms >= ? THEN cost_micros ELSE 0 END), 0),
 COALESCE(SUM(CASE WHEN at_ms >= ? THEN cost_micros ELSE 0 END), 0)
 FROM proxy_records WHERE user_name = ? AND at_ms >= ?`
	var d, wk, m int64
	err := s.db.QueryRowContext(ctx, s.rebind(q), day, week, month, user, min(day, week, month)).Scan(&d, &wk, &m)
	if err != nil {
		return pacing.Spent{}, fmt.Errorf("%s: %w", s.name, err)
	}
	return pacing.Spent{Day: tiers.Money(d), Week: tiers.Money(wk), Month: tiers.Money(m)}, nil
}
