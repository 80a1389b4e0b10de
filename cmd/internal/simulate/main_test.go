package simulate_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// mainEnv is an environment with no user config file, so the embedded
// default table is used unless --tiers says otherwise.
func mainEnv(t *testing.T, out, errb *bytes.Buffer) cmdutil.Env {
	home := t.TempDir()
	return cmdutil.Env{Stdout: out, Stderr: errb,
		Getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return home
			}
			return ""
		},
		Now: func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) },
	}
}

// simulate runs through Main on the embedded default table.
func TestSimulateEmbeddedTable(t *testing.T) {
	var out, errb bytes.Buffer
	code := root.Main([]string{"simulate", "--tier", "start", "--devs", "3", "--hours", "1", "-o", "json"}, mainEnv(t, &out, &errb))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc struct {
		Source    string `json:"tiers_source"`
		Tier      string `json:"tier"`
		Pool      string `json:"pool"`
		Attempted int64  `json:"attempted"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Source != "embedded default" || doc.Tier != "start" || doc.Pool == "" || doc.Attempted == 0 {
		t.Fatalf("got %+v", doc)
	}
}

// simulate reads a tier table file given with --tiers, including combined
// TPM and daily quotas, and reports the daily quota as the stopper.
func TestSimulateTiersFile(t *testing.T) {
	yaml := `schema_version: 1
provider: example
as_of: 2026-10-01
source: https://example.com/limits
models:
  small:
    match: [small-1]
    pool: small
    context_window: 100000
    price_per_mtok: {input: 1, output: 2, cache_write_5m: 1.25, cache_write_1h: 2, cache_read: 0.1}
    itpm_counts_cache_reads: false
    otpm_accounting: reserve_max_tokens
tiers:
  - name: free
    reached: sign-up
    limits:
      small: {rpm: 20, tpm: 60000, tokens_per_day: 300000}
`
	path := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := root.Main([]string{"simulate", "--tiers", path, "--tier", "free", "--model", "small", "--devs", "4",
		"--tokens", "200k", "--hours", "1", "--max-tokens", "4000"}, mainEnv(t, &out, &errb))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"20 RPM, 60,000 TPM, 300,000 tokens/day", "daily_tokens", "a daily quota ran out"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// A pool whose limits are not published (fast mode, Fable 5.2) leaves
// nothing to simulate against, and the error says why and what to do.
func TestSimulateUnknownLimits(t *testing.T) {
	for _, args := range [][]string{
		{"simulate", "--tier", "start", "--model", "fable-5.2"},
		{"simulate", "--tier", "build", "--model", "opus-5.5", "--fast"},
	} {
		var out, errb bytes.Buffer
		code := root.Main(args, mainEnv(t, &out, &errb))
		if code != 1 || !strings.Contains(errb.String(), "there is nothing to simulate against: not published") ||
			!strings.Contains(errb.String(), "tierplan tiers pull reads your organisation's") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
