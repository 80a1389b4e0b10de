package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store/storetest"
	"github.com/tierplan/tierplan/planner/limiter"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// eachStore runs fn against a fresh SQLite file and, where one is
// configured, a fresh PostgreSQL schema.
func eachStore(t *testing.T, fn func(t *testing.T, s Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "proxy.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := Open(context.Background(), storetest.PostgresDSN(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		fn(t, s)
	})
}

var t0 = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) // a Wednesday

func rec(id string, at time.Time, user string, cost float64) Record {
	return Record{ID: id, Time: at, User: user, Method: "POST", Path: "/v1/messages", Model: "claude-sonnet-4-5",
		Stream: true, Status: 200, Outcome: "upstream", Cost: tiers.Dollars(cost),
		Usage:     Usage{Input: 1, Output: 2, CacheWrite5m: 3, CacheWrite1h: 4, CacheRead: 5},
		RateLimit: map[string]string{"anthropic-ratelimit-requests-remaining": "49"}, RequestID: "req_" + id,
		QueuedMs: 7, FirstByteMs: 8, LatencyMs: 9, Instance: "a"}
}

func TestInsertIsIdempotentAndRoundTrips(t *testing.T) {
	eachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a, b := rec("a", t0, "ann", 0.5), rec("b", t0.Add(time.Second), "bob", 0.25)
		b.RateLimit = nil
		if err := s.Insert(ctx, []Record{a, b}); err != nil {
			t.Fatal(err)
		}
		// The same batch again (a retry after a lost answer) adds nothing.
		if err := s.Insert(ctx, []Record{a, b, rec("c", t0.Add(2*time.Second), "ann", 1)}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Range(ctx, t0, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].ID != "a" || got[2].ID != "c" {
			t.Fatalf("range: %d records %v", len(got), ids(got))
		}
		if fmt.Sprintf("%+v", got[0]) != fmt.Sprintf("%+v", a) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got[0], a)
		}
		recent, err := s.Recent(ctx, 2)
		if err != nil || len(recent) != 2 || recent[0].ID != "c" || recent[1].ID != "b" {
			t.Fatalf("recent: %v %v", ids(recent), err)
		}
		if r, _ := s.Range(ctx, t0.Add(time.Second), t0.Add(2*time.Second)); len(r) != 1 || r[0].ID != "b" {
			t.Fatalf("half-open range: %v", ids(r))
		}
	})
}

func ids(rs []Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

// Spent sums a user's costs per window: the day, the week from Monday, the
// month.
func TestSpentPerWindow(t *testing.T) {
	eachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		recs := []Record{
			rec("today", t0, "ann", 1.5),
			rec("monday", t0.AddDate(0, 0, -2), "ann", 2),
			rec("lastweek", t0.AddDate(0, 0, -7), "ann", 4),
			rec("lastmonth", t0.AddDate(0, -1, 0), "ann", 8),
			rec("bob", t0, "bob", 16),
		}
		if err := s.Insert(ctx, recs); err != nil {
			t.Fatal(err)
		}
		got, err := s.Spent(ctx, "ann", pacing.WindowsAt(t0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		// t0 is Wednesday Dec 2: the day holds 1.50; the week from Monday
		// Nov 30 holds 1.50 + 2 = 3.50; the month from Dec 1 only today's
		// 1.50 (Monday was in November); the records of Nov 25 and Nov 2
		// count nowhere, bob's never.
		want := pacing.Spent{Day: tiers.Dollars(1.5), Week: tiers.Dollars(3.5), Month: tiers.Dollars(1.5)}
		if got != want {
			t.Fatalf("spent %+v, want %+v", got, want)
		}
	})
}

// Many concurrent updates of a pool's buckets through PostgreSQL lose none:
// each draws one request, so 40 of them leave 60 − 40 = 20.
func TestSharedBucketsSerialise(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	ctx := context.Background()
	var stores []Store
	for range 2 { // two proxy instances
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := stores[i%2].(SharedBuckets).Update(ctx, "sonnet", func(m map[string]limiter.BucketState) map[string]limiter.BucketState {
				b := limiter.NewBucket("rpm", 60, time.Minute)
				if st, ok := m["rpm"]; ok {
					b = limiter.RestoreBucket("rpm", st)
				}
				b.Take(limiter.UnitsPerToken)
				return map[string]limiter.BucketState{"rpm": b.State()}
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	_ = stores[0].(SharedBuckets).Update(ctx, "sonnet", func(m map[string]limiter.BucketState) map[string]limiter.BucketState {
		if got := m["rpm"].Level; got != 20*limiter.UnitsPerToken {
			t.Errorf("level %d units, want 20 requests", got)
		}
		return nil
	})
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, ""); err == nil {
		t.Error("an empty DSN must be refused")
	}
	_, err := Open(ctx, "postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("unreachable postgres: %v (must name the server, never the password)", err)
	}
	dir := t.TempDir()
	if _, err := Open(ctx, "sqlite:"+dir); err == nil {
		t.Error("a directory is not an SQLite file")
	}
	// A store written by a newer version is refused.
	path := filepath.Join(dir, "new.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = s.(*sqlStore).db.Exec(`UPDATE proxy_meta SET value = '99' WHERE key = 'schema_version'`)
	s.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "schema version 99 is not supported") {
		t.Errorf("newer schema: %v", err)
	}
}
