package usage_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// usage --from-proxy reports a proxy's records as it reports logs: the
// developers are the projects, the 429s the limit hits.
func TestUsageFromProxy(t *testing.T) {
	db := cmdtest.ProxyStore(t)
	r := runUsageCmd(t, nil, false, "--from-proxy", db, "--by", "day,project", "--tz", "UTC")
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	cmdtest.Golden(t, "usage-from-proxy.txt", r.Stdout)
	if !strings.Contains(r.Stdout, "│ user ann │ 16") || !strings.Contains(r.Stdout, "Proxy records: 576 requests, 552 API calls") {
		t.Fatalf("report:\n%s", r.Stdout)
	}
	j := runUsageCmd(t, nil, false, "--from-proxy", db, "-o", "json", "--tz", "UTC")
	if n := strings.Count(j.Stdout, `"kind": "input-tokens"`); n != 24 {
		t.Fatalf("%d limit hits of input-tokens, want the 24 429s", n)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--from-proxy", filepath.Join(t.TempDir(), "none.db")}, 1, "none.db: no such file or directory"},
		{[]string{"--from-proxy", db, "somewhere"}, 2, "--from-proxy reads the proxy's records; give no PATH"},
		{[]string{"--from-proxy", db, "--shape"}, 2, "a proxy's records hold calls only"},
		{[]string{"--from-proxy", "postgres://u:secret@127.0.0.1:1/x?connect_timeout=1"}, 1, "postgres postgres://u:xxxxx@127.0.0.1:1/x"},
	} {
		r := cmdtest.Run(t, root.Main, nil, "", append([]string{"usage"}, tc.args...)...)
		if r.Code != tc.code || !strings.Contains(r.Stderr, tc.want) || strings.Contains(r.Stderr, "secret") {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, r.Code, r.Stderr, tc.code, tc.want)
		}
	}
}
