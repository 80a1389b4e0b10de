package cmdutil

import (
	"context"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/usage"
)

// ReadProxyRecords reads a tierplan proxy's records of the window from its
// store (an SQLite file or postgres://…) as the entries and limit hits that
// `usage` and `plan --from-logs` read from Claude Code's logs, so the same
// reports and calibration come from a team's traffic.
func ReadProxyRecords(dsn string, w LogWindow) (*usage.Data, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	st, err := store.OpenExisting(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	recs, err := st.Range(ctx, w.Since, w.Until)
	if err != nil {
		return nil, err
	}
	return store.UsageData(recs), nil
}
