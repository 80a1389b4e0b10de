package tiers_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestResolveOrder: --tiers beats $TIERPLAN_TIERS beats the user's config
// file beats the embedded default, and each Load names its origin.
func TestResolveOrder(t *testing.T) {
	cfg := t.TempDir()
	userFile := filepath.Join(cfg, "tierplan", "tiers.yaml")
	env := map[string]string{"XDG_CONFIG_HOME": cfg}

	src, err := tiers.Resolve("", envOf(env))
	if err != nil || !src.Embedded() || src.String() != "embedded default" {
		t.Fatalf("no file: %+v %v", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(userFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(userFile, tierplan.DefaultTiers, 0o644); err != nil {
		t.Fatal(err)
	}
	src, _ = tiers.Resolve("", envOf(env))
	if src.Path != userFile || src.Reason != "user config file" {
		t.Fatalf("user file: %+v", src)
	}
	env[tiers.EnvVar] = "env.yaml"
	src, _ = tiers.Resolve("", envOf(env))
	if src.Path != "env.yaml" || src.Reason != "$TIERPLAN_TIERS" {
		t.Fatalf("env: %+v", src)
	}
	src, _ = tiers.Resolve("flag.yaml", envOf(env))
	if src.Path != "flag.yaml" || src.String() != "flag.yaml (--tiers)" {
		t.Fatalf("flag: %+v", src)
	}

	delete(env, tiers.EnvVar)
	src, _ = tiers.Resolve("", envOf(env))
	tb, err := tiers.Load(src, tierplan.DefaultTiers)
	if err != nil || tb.Origin != userFile+" (user config file)" {
		t.Fatalf("load user file: origin %q, %v", tb.Origin, err)
	}
	tb, err = tiers.Load(tiers.Source{Reason: "embedded default"}, tierplan.DefaultTiers)
	if err != nil || tb.Origin != "embedded default" {
		t.Fatalf("load embedded: %v", err)
	}
}

func TestUserConfigPathIgnoresRelativeXDG(t *testing.T) {
	got := tiers.UserConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "relative/dir"}))
	if !filepath.IsAbs(got) || filepath.Base(got) != "tiers.yaml" {
		t.Errorf("UserConfigPath with a relative XDG_CONFIG_HOME = %q", got)
	}
}

func TestStalenessWarning(t *testing.T) {
	tb := &tiers.Table{AsOf: time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC), Origin: "old.yaml (--tiers)",
		Source: "https://platform.claude.com/docs/en/api/rate-limits"}
	// 2026-04-23 + 180 days = 2026-10-20: not yet stale on that day.
	if w := tiers.StalenessWarning(tb, time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)); w != "" {
		t.Errorf("180 days old: %q", w)
	}
	// Apr 23 → Nov 23 is 30+31+30+31+31+30+31 = 214 days; +5 to Nov 28 = 219.
	got := tiers.StalenessWarning(tb, time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC))
	want := "tier table old.yaml (--tiers) is 219 days old (as_of 2026-04-23); vendors change limits without notice: check https://platform.claude.com/docs/en/api/rate-limits"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestStalenessWarningFuture: an as_of after the clock is a typo, not a fresh
// table. now is fixed at 2026-10-17 12:00 UTC.
func TestStalenessWarningFuture(t *testing.T) {
	now := time.Date(2026, 10, 17, 12, 0, 0, 0, time.UTC)
	tb := &tiers.Table{Origin: "copy.yaml (--tiers)", Source: "https://example.com/limits"}
	for _, c := range []struct {
		asOf time.Time
		want string
	}{
		// 2099-01-01 is decades ahead: warned.
		{time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), "tier table copy.yaml (--tiers): as_of 2099-01-01 is in the future; check the date"},
		// 2026-10-18 00:00 is 12 h ahead, within the one-day slack: silent.
		{time.Date(2026, 10, 18, 0, 0, 0, 0, time.UTC), ""},
		// 2026-10-18 12:00 is exactly 24 h ahead, not more than a day: silent.
		{time.Date(2026, 10, 18, 12, 0, 0, 0, time.UTC), ""},
		// 2026-10-19 00:00 is 36 h ahead: warned.
		{time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), "tier table copy.yaml (--tiers): as_of 2026-10-19 is in the future; check the date"},
		// Today: neither future nor stale.
		{time.Date(2026, 10, 17, 0, 0, 0, 0, time.UTC), ""},
	} {
		tb.AsOf = c.asOf
		if got := tiers.StalenessWarning(tb, now); got != c.want {
			t.Errorf("as_of %s: got %q, want %q", c.asOf.Format("2006-01-02 15:04"), got, c.want)
		}
	}
}
