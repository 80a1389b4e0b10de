package cmdtest

import (
	"bytes"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/tiers"
)

// Tier tables written in Go, so golden output does not change when the
// shipped table does (the YAML loader has its own tests).

// SimTable is a small tier table in Go: the April 2026 Sonnet pool on Tier
// 1 and Tier 2, a legacy tier with combined TPM and daily quotas, and a
// negotiated tier.
func SimTable() *tiers.Table {
	sonnet := tiers.Model{
		Name: "sonnet", Match: []string{"claude-sonnet-4-"}, Pool: "sonnet-4", ContextWindow: 200_000,
		Price: tiers.Prices{Input: tiers.Dollars(3), Output: tiers.Dollars(15),
			CacheWrite5m: tiers.Dollars(3.75), CacheWrite1h: tiers.Dollars(6), CacheRead: tiers.Dollars(0.30)},
		OTPMAccounting: tiers.OTPMActual,
	}
	return &tiers.Table{
		SchemaVersion: 1, Provider: "anthropic", AsOf: time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC),
		Source: "https://platform.claude.com/docs/en/api/rate-limits", Origin: "test table",
		Models: []tiers.Model{sonnet},
		Tiers: []tiers.Tier{
			{Name: "tier-1", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(100),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000}}},
			{Name: "tier-2", HasSpendCap: true, MonthlySpendCap: tiers.Dollars(500),
				Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000}}},
			{Name: "legacy", Limits: map[string]tiers.Limits{"sonnet-4": {RPM: 50, TPM: 40_000, TokensPerDay: 400_000}}},
			{Name: "custom", Negotiated: true},
		},
	}
}

// DiagnoseTable is a small Tier 1–2 table (the April 2026 Sonnet 4.x figures)
// with a negotiated tier on top, so goldens do not change when the shipped
// table does.
func DiagnoseTable() *tiers.Table {
	return &tiers.Table{
		SchemaVersion: 1,
		Provider:      "anthropic",
		AsOf:          time.Date(2026, 4, 23, 0, 0, 0, 0, time.UTC),
		Origin:        "test table",
		Tiers: []tiers.Tier{
			{Name: "Tier 1", MonthlySpendCap: tiers.Dollars(100), HasSpendCap: true, Limits: map[string]tiers.Limits{
				"sonnet-4": {RPM: 50, ITPM: 30_000, OTPM: 8_000},
			}},
			{Name: "Tier 2", MonthlySpendCap: tiers.Dollars(500), HasSpendCap: true, Limits: map[string]tiers.Limits{
				"sonnet-4": {RPM: 1_000, ITPM: 450_000, OTPM: 90_000},
			}},
			{Name: "Monthly Invoicing", Negotiated: true},
		},
	}
}

// RunApp is the program under test with its state made: root.Run.
type RunApp func(app *cmdutil.App, args []string) int

// WithTable runs run with args in env, with the tier table t already loaded.
func WithTable(run RunApp, env cmdutil.Env, t *tiers.Table, args ...string) int {
	app := cmdutil.NewApp(env)
	app.SetTable(t)
	return run(app, args)
}

// RunWithTable runs run with args and the tier table t already loaded, in an
// environment of buffers, no variables and the clock at 2026-05-01.
func RunWithTable(t testing.TB, run RunApp, tbl *tiers.Table, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cmdutil.Env{Stdout: &out, Stderr: &errb, Now: func() time.Time {
		return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	}}
	code = WithTable(run, env, tbl, args...)
	return out.String(), errb.String(), code
}

// DiagnoseNow is five seconds after the date header of the diagnose fixtures
// (testdata/diagnose/*.http).
var DiagnoseNow = time.Date(2026, 4, 14, 10, 0, 5, 0, time.UTC)

// DiagnoseEnv is Env with the clock at DiagnoseNow.
func DiagnoseEnv(t testing.TB, stdin string, vars map[string]string) (env cmdutil.Env, stdout, stderr *bytes.Buffer) {
	t.Helper()
	env, stdout, stderr = Env(t, vars, stdin)
	env.Now = func() time.Time { return DiagnoseNow }
	return env, stdout, stderr
}
