package proxy

import (
	"io"
	"net/url"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// Config is a proxy's settings, from flags and the environment.
type Config struct {
	// Upstream is the API the proxy forwards to.
	Upstream *url.URL
	// OrgKey is the organisation's API key (ANTHROPIC_API_KEY), sent only
	// upstream, as x-api-key.
	OrgKey string
	// AdminToken guards the records, the dashboard and the metrics
	// (TIERPLAN_PROXY_ADMIN_TOKEN); empty turns them off.
	AdminToken string
	// UsersFile is the users file; re-read when it changes.
	UsersFile string
	// Table prices calls and names the pool of each model; Tier, when set,
	// gives the limits the proxy assumes before headers tell it.
	Table *tiers.Table
	Tier  string
	// WarnBelow is the share of a bucket under which a warning is logged.
	WarnBelow float64
	// Window is the buckets' enforcement window (60 s: a whole minute's
	// limit may go at once).
	Window time.Duration
	// QueueMax bounds the waiting calls per pool; QueueTimeout how long one
	// waits before the proxy answers 429 itself.
	QueueMax     int
	QueueTimeout time.Duration
	// MaxRequestBytes bounds a request body (the API's own limit is 32 MB).
	MaxRequestBytes int64
	// ReadTimeout bounds reading a request's headers and body;
	// UpstreamTimeout the wait for the API's response headers;
	// StreamIdleTimeout a response that sends nothing (streams ping every
	// few seconds); DrainTimeout how long a shutdown waits for open streams.
	ReadTimeout, UpstreamTimeout, StreamIdleTimeout, DrainTimeout time.Duration
	// Location decides the calendar days, weeks and months of budgets.
	Location *time.Location
	// Instance names this proxy in records (several may share a store).
	Instance string
	// Log receives one line per event: warnings, errors, reloads.
	Log io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Defaults for the settings a zero Config leaves open.
const (
	DefaultUpstream          = "https://api.anthropic.com"
	DefaultWarnBelow         = 0.10
	DefaultWindow            = time.Minute
	DefaultQueueMax          = 1000
	DefaultQueueTimeout      = 60 * time.Second
	DefaultMaxRequestBytes   = 32 << 20
	DefaultReadTimeout       = 60 * time.Second
	DefaultUpstreamTimeout   = 10 * time.Minute
	DefaultStreamIdleTimeout = 5 * time.Minute
	DefaultDrainTimeout      = 2 * time.Minute
)

func (c *Config) setDefaults() {
	if c.Upstream == nil {
		c.Upstream, _ = url.Parse(DefaultUpstream)
	}
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&c.Window, DefaultWindow)
	set(&c.QueueTimeout, DefaultQueueTimeout)
	set(&c.ReadTimeout, DefaultReadTimeout)
	set(&c.UpstreamTimeout, DefaultUpstreamTimeout)
	set(&c.StreamIdleTimeout, DefaultStreamIdleTimeout)
	set(&c.DrainTimeout, DefaultDrainTimeout)
	if c.WarnBelow <= 0 {
		c.WarnBelow = DefaultWarnBelow
	}
	if c.QueueMax <= 0 {
		c.QueueMax = DefaultQueueMax
	}
	if c.MaxRequestBytes <= 0 {
		c.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}
