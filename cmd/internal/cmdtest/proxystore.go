package cmdtest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/tiers"
)

// ProxyStore writes a tierplan proxy's SQLite store of three developers'
// sessions over eight working days (Nov 16–25, 2026): two sessions each a
// day, each 12 calls a minute apart whose context grows by 4,000 tokens a
// call from a 20,000-token prefix; the 7th call of every second session is
// a 429 with the input-tokens bucket at 0. It returns the file's path.
func ProxyStore(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "proxy.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var recs []store.Record
	start := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC) // a Monday
	n := 0
	for day := range 8 {
		for u, user := range []string{"ann", "bob", "cy"} {
			for s := range 2 {
				at := start.AddDate(0, 0, day+day/5*2).Add(time.Duration(u*40+s*180) * time.Minute)
				for call := range 12 {
					n++
					r := store.Record{ID: fmt.Sprintf("r%05d", n), Time: at.Add(time.Duration(call) * time.Minute), User: user,
						SessionID: fmt.Sprintf("%s-%d-%d", user, day, s), Method: "POST", Path: "/v1/messages",
						Model: "claude-sonnet-4-5-20250929", Stream: true, Status: 200, Outcome: "upstream", Cost: tiers.Dollars(0.01),
						Usage: store.Usage{Input: 3, CacheWrite5m: 4_000, CacheRead: 20_000 + int64(call-1)*4_000, Output: 400}}
					if call == 0 {
						r.Usage = store.Usage{Input: 3, CacheWrite5m: 20_000, Output: 400}
					}
					if call == 6 && s == 1 {
						r.Status, r.Usage, r.RetryAfter = 429, store.Usage{}, "12"
						r.RateLimit = map[string]string{"anthropic-ratelimit-input-tokens-remaining": "0"}
					}
					recs = append(recs, r)
				}
			}
		}
	}
	if err := st.Insert(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	return path
}
