package cli

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tierplan/tierplan/tiers"
)

// simTable is a small tier table in Go: the April 2026 Sonnet pool on Tier
// 1 and Tier 2, a legacy tier with combined TPM and daily quotas, and a
// negotiated tier.
func simTable() *tiers.Table {
	sonnet := tiers.Model{
		Name: "sonnet", Match: []string{"claude-sonnet-4"}, Pool: "sonnet-4", ContextWindow: 200_000,
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

// runWithTable runs tierplan in-process as Main does, with the tier table
// already loaded (the YAML loader has its own tests).
func runWithTable(t *testing.T, tbl *tiers.Table, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{env: Env{Stdout: &out, Stderr: &errb, Now: func() time.Time {
		return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	}}, table: tbl}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.Execute()
	if err != nil {
		var ce exitCodeError
		if !(errors.As(err, &ce) && ce.msg == "") {
			fmt.Fprintf(&errb, "tierplan: %s\n", trimNewline(err.Error()))
		}
	}
	return out.String(), errb.String(), exitCode(err)
}
