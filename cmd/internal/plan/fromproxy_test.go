package plan_test

import (
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// plan --from-proxy plans the team the proxy saw: its developers as
// --devs, each with the team's sessions per active day shared among them.
func TestPlanFromProxy(t *testing.T) {
	db := cmdtest.ProxyStore(t)
	r := cmdtest.Run(t, root.Main, nil, "", "plan", "--from-proxy", db)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	cmdtest.Golden(t, "plan-from-proxy.txt", r.Stdout)
	for _, want := range []string{"Workload derived from the proxy's records (3 developers",
		"48 sessions by 3 developers on 8 active days, 24 429s recorded", "× 3 developers"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.Stdout)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--from-proxy", db, "--from-logs"}, "--from-proxy and --from-logs or --file both describe the workload"},
		{[]string{"--from-proxy", db, "-f", "w.yaml"}, "--from-proxy and --from-logs or --file both describe the workload"},
		{[]string{"--proxy-since", "2026-11-20"}, "--proxy-since needs --from-proxy"},
		{[]string{"--from-proxy", db, "--proxy-since", "20261"}, `--proxy-since "20261"`},
	} {
		r := cmdtest.Run(t, root.Main, nil, "", append([]string{"plan"}, tc.args...)...)
		if r.Code != 2 || !strings.Contains(r.Stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.Code, r.Stderr, tc.want)
		}
	}
	// From a later day only: 3 days of records.
	r = cmdtest.Run(t, root.Main, nil, "", "plan", "--from-proxy", db, "--proxy-since", "2026-11-23")
	if !strings.Contains(r.Stdout, "18 sessions by 3 developers on 3 active days") {
		t.Errorf("--proxy-since: %s", r.Stdout)
	}
}
