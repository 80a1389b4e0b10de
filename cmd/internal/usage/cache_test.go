package usage_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

func TestUsageCacheIsUsedAndRebuiltQuietly(t *testing.T) {
	cache := t.TempDir()
	env := map[string]string{"XDG_CACHE_HOME": cache}
	first := runUsageCmd(t, env, false, "--tz", "UTC", "-o", "json", usageFixture)
	idx, _ := filepath.Glob(filepath.Join(cache, "tierplan", "usage-*.idx"))
	if first.Code != 0 || len(idx) != 1 {
		t.Fatalf("code %d, index files %v, stderr %s", first.Code, idx, first.Stderr)
	}
	second := runUsageCmd(t, env, false, "--tz", "UTC", "-o", "json", usageFixture)
	if second.Stdout != first.Stdout || second.Stderr != first.Stderr {
		t.Fatalf("the cached run differs:\n%s\n%s", second.Stdout, second.Stderr)
	}
	if err := os.WriteFile(idx[0], []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	quiet := runUsageCmd(t, env, false, "--tz", "UTC", "-o", "json", usageFixture)
	if quiet.Stdout != first.Stdout || quiet.Stderr != first.Stderr {
		t.Fatalf("a corrupt cache changed the output:\n%s", quiet.Stderr)
	}
	os.WriteFile(idx[0], []byte("garbage"), 0o600)
	verbose := runUsageCmd(t, env, false, "--tz", "UTC", "-o", "json", "--verbose", usageFixture)
	if verbose.Stdout != first.Stdout || !strings.Contains(verbose.Stderr, "tierplan: note: cache "+idx[0]+" not usable") {
		t.Fatalf("--verbose: %s", verbose.Stderr)
	}

	fresh := t.TempDir()
	r := runUsageCmd(t, map[string]string{"XDG_CACHE_HOME": fresh}, false, "--tz", "UTC", "-o", "json", "--no-cache", usageFixture)
	if left, _ := filepath.Glob(filepath.Join(fresh, "tierplan", "*")); r.Stdout != first.Stdout || len(left) != 0 {
		t.Fatalf("--no-cache left %v", left)
	}
}

func TestUsageExportReadsBackTheSame(t *testing.T) {
	export := filepath.Join(t.TempDir(), "laptop.tpu")
	r := runUsageCmd(t, nil, false, "--tz", "UTC", "-o", "json", "--export", export, usageFixture)
	if r.Code != 0 {
		t.Fatal(r.Stderr)
	}
	back := runUsageCmd(t, nil, false, "--tz", "UTC", "-o", "json", export)
	both := runUsageCmd(t, nil, false, "--tz", "UTC", "-o", "json", export, usageFixture)
	totals := func(out string) string {
		var v struct{ Totals, Days, Sessions, Models json.RawMessage }
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	if totals(back.Stdout) != totals(r.Stdout) || totals(both.Stdout) != totals(r.Stdout) {
		t.Fatalf("read back:\n%s\nwith the logs:\n%s\nwant:\n%s", totals(back.Stdout), totals(both.Stdout), totals(r.Stdout))
	}
	bad := runUsageCmd(t, nil, false, "--export", filepath.Join(t.TempDir(), "no", "such", "dir", "x.tpu"), usageFixture)
	if bad.Code != 1 || !strings.Contains(bad.Stderr, "tierplan: --export ") {
		t.Fatalf("code %d: %s", bad.Code, bad.Stderr)
	}
}

// The tier table is parsed while the logs are walked; a broken one still
// ends the run with its own one-line error (file and line) and nothing on
// stdout, with the cache and without, and leaves the cache usable.
func TestUsageBrokenTierTableWhileReading(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "tiers.yaml")
	if err := os.WriteFile(bad, []byte("schema_version: 1\nmodels: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XDG_CACHE_HOME": t.TempDir()}
	for _, args := range [][]string{{"--no-cache"}, nil, nil} {
		args = append([]string{"--tiers", bad, "usage", "--tz", "UTC"}, append(args, usageFixture)...)
		r := cmdtest.RunExact(t, root.Main, env, cmdtest.LogsNow, false, args...)
		if r.Code != cmdutil.ExitError || r.Stdout != "" || strings.Count(r.Stderr, "\n") != 1 || !strings.Contains(r.Stderr, bad+":") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.Code, r.Stdout, r.Stderr)
		}
	}
	good := runUsageCmd(t, env, false, "--tz", "UTC", usageFixture)
	want := runUsageCmd(t, nil, false, "--tz", "UTC", "--no-cache", usageFixture)
	if good.Code != 0 || good.Stdout != want.Stdout {
		t.Errorf("after the broken table, the cached run differs: exit %d\n%s\nwant\n%s", good.Code, good.Stdout, want.Stdout)
	}
}
