package proxy

import (
	"context"
	"sort"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/proxy/store"
	"github.com/tierplan/tierplan/planner/pacing"
	"github.com/tierplan/tierplan/tiers"
)

// DashboardSchemaVersion versions the JSON of /dashboard.json.
const DashboardSchemaVersion = 1

// Dashboard is what the dashboard shows, as one model the page and its
// JSON both render.
type Dashboard struct {
	SchemaVersion int            `json:"schema_version"`
	Now           time.Time      `json:"now"`
	Day           string         `json:"day"`
	Users         []UserToday    `json:"users"`
	Buckets       []BucketSeries `json:"buckets"`
	Refusals      []store.Record `json:"recent_429s"`
	Warnings      []Warning      `json:"warnings"`
	Queued        map[string]int `json:"queued"`
	WarnBelow     float64        `json:"warn_below"`
}

// UserToday is one developer's use since midnight.
type UserToday struct {
	User      string      `json:"user"`
	Group     string      `json:"group,omitempty"`
	Requests  int         `json:"requests"`
	Tokens    int64       `json:"tokens"`
	Cost      tiers.Money `json:"cost_usd"`
	Budget    tiers.Money `json:"day_budget_usd,omitempty"`
	Refused   int         `json:"refused_429"`
	BudgetUse float64     `json:"day_budget_used,omitempty"` // share, 0–1+
}

// BucketSeries is one bucket's share left over the last hour, as the API's
// headers reported it.
type BucketSeries struct {
	Pool   string       `json:"pool"`
	Bucket string       `json:"bucket"`
	Limit  int64        `json:"limit"`
	Points []SharePoint `json:"points"`
}

// SharePoint is one reading.
type SharePoint struct {
	Time time.Time `json:"time"`
	Left float64   `json:"left"`
}

// dashboardWindow is how far back the bucket charts go.
const dashboardWindow = time.Hour

// buildDashboard reads today's records (and the last hour's, for the
// charts) from the store and from the writer's pending ones.
func (s *Server) buildDashboard(ctx context.Context) (Dashboard, error) {
	now := s.cfg.Now()
	win := pacing.WindowsAt(now, s.cfg.Location)
	since := win.DayStart
	if hour := now.Add(-dashboardWindow); hour.Before(since) {
		since = hour
	}
	stored, err := s.store.Range(ctx, since, time.Time{})
	if err != nil {
		return Dashboard{}, err
	}
	recs := mergeNewest(s.writer.newest(maxPending), stored, len(stored)+maxPending)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Time.Before(recs[j].Time) })
	d := Dashboard{SchemaVersion: DashboardSchemaVersion, Now: now.UTC(), Day: win.DayStart.Format("2006-01-02"),
		Warnings: s.warns.recent(), Queued: s.pacer.waiting(), WarnBelow: s.cfg.WarnBelow}
	users := map[string]*UserToday{}
	if us := s.users.Load(); us != nil {
		for _, u := range us.list {
			users[u.Name] = &UserToday{User: u.Name, Group: u.Group, Budget: u.Budget.Day}
		}
	}
	series := map[string]*BucketSeries{}
	for _, r := range recs {
		if !r.Time.Before(win.DayStart) {
			u := users[r.User]
			if u == nil {
				u = &UserToday{User: r.User, Group: r.Group}
				users[r.User] = u
			}
			u.Requests++
			u.Tokens += r.Usage.Input + r.Usage.Output + r.Usage.CacheWrite5m + r.Usage.CacheWrite1h + r.Usage.CacheRead
			u.Cost += r.Cost
			if r.Status == 429 {
				u.Refused++
			}
		}
		if r.Status == 429 {
			d.Refusals = append(d.Refusals, r)
		}
		if r.Time.Before(now.Add(-dashboardWindow)) {
			continue
		}
		addReadings(series, s.poolOf(r.Model), r)
	}
	for _, u := range users {
		if u.Budget > 0 {
			u.BudgetUse = float64(u.Cost) / float64(u.Budget)
		}
		d.Users = append(d.Users, *u)
	}
	sort.Slice(d.Users, func(i, j int) bool { return d.Users[i].User < d.Users[j].User })
	for _, b := range series {
		d.Buckets = append(d.Buckets, *b)
	}
	sort.Slice(d.Buckets, func(i, j int) bool {
		a, b := d.Buckets[i], d.Buckets[j]
		return a.Pool < b.Pool || a.Pool == b.Pool && bucketRank(a.Bucket) < bucketRank(b.Bucket)
	})
	// Newest 429s first, twenty of them.
	for i, j := 0, len(d.Refusals)-1; i < j; i, j = i+1, j-1 {
		d.Refusals[i], d.Refusals[j] = d.Refusals[j], d.Refusals[i]
	}
	d.Refusals = d.Refusals[:min(len(d.Refusals), 20)]
	return d, nil
}

func bucketRank(b string) int {
	for i, n := range []string{"requests", "input-tokens", "output-tokens", "tokens"} {
		if b == n {
			return i
		}
	}
	return 9
}

// addReadings adds a record's rate-limit headers to the series of its pool.
func addReadings(series map[string]*BucketSeries, pool string, r store.Record) {
	if len(r.RateLimit) == 0 {
		return
	}
	rep := pacing.ReadHeaders(r.RateLimit)
	for _, b := range []struct {
		name string
		r    pacing.Reading
	}{{"requests", rep.Requests}, {"input-tokens", rep.Input}, {"output-tokens", rep.Output}} {
		if !b.r.Known {
			continue
		}
		key := pool + "\x00" + b.name
		s := series[key]
		if s == nil {
			s = &BucketSeries{Pool: pool, Bucket: b.name}
			series[key] = s
		}
		s.Limit = b.r.Limit
		s.Points = append(s.Points, SharePoint{Time: r.Time, Left: float64(b.r.Remaining) / float64(b.r.Limit)})
	}
	for _, u := range rep.Unified {
		key := pool + "\x00unified-" + u.Window
		s := series[key]
		if s == nil {
			s = &BucketSeries{Pool: pool, Bucket: "unified-" + u.Window}
			series[key] = s
		}
		s.Points = append(s.Points, SharePoint{Time: r.Time, Left: max(1-u.Utilization, 0)})
	}
}

// poolOf is the rate-limit pool of a model id, or the id itself for a
// model the tier table does not know.
func (s *Server) poolOf(model string) string {
	if m, ok := s.cfg.Table.MatchModel(model); ok {
		return m.Pool
	}
	if model == "" {
		return "unknown"
	}
	return model
}
