package root

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
)

// TestOutputReadsTheSameEverywhere: the points a new user stumbled on.
// cost named no model in its header; KIND read "plan" in plan's table and
// "subscription" in cost's and in JSON; "Recommendation: max-5x: max-5x is
// …" said the name twice; --only with a typo did not list the names; a
// recommendation did not say that cheaper tiers were ruled out by their
// spend caps, nor that the tier it names cannot be bought.
func TestOutputReadsTheSameEverywhere(t *testing.T) {
	run := func(args ...string) string {
		t.Helper()
		r := cmdtest.Run(t, Main, nil, "", args...)
		if r.Code != 0 {
			t.Fatalf("tierplan %s: exit %d: %s", strings.Join(args, " "), r.Code, r.Stderr)
		}
		return r.Stdout
	}
	if out := run("cost", "--sessions", "20", "--tokens", "800k"); !strings.HasPrefix(out, "Workload default: 20 sessions/day × 800k tokens × 1 developer on sonnet\n") {
		t.Errorf("cost header: %q", strings.SplitN(out, "\n", 2)[0])
	}

	kinds := regexp.MustCompile(`(?m)^│ \S+ +│ (\S+) +│`)
	var plan struct {
		Workloads []struct{ Results []struct{ Kind string } }
	}
	if err := json.Unmarshal([]byte(run("plan", "-o", "json")), &plan); err != nil {
		t.Fatal(err)
	}
	jsonKinds := map[string]bool{}
	for _, r := range plan.Workloads[0].Results {
		jsonKinds[r.Kind] = true
	}
	for _, cmd := range [][]string{{"plan"}, {"cost"}} {
		for _, m := range kinds.FindAllStringSubmatch(run(cmd...), -1) {
			if m[1] != "KIND" && !jsonKinds[m[1]] {
				t.Errorf("%s's table says KIND %q; JSON says %v", cmd[0], m[1], jsonKinds)
			}
		}
	}

	rec := regexp.MustCompile(`(?m)^Recommendation: (.*)$`).FindStringSubmatch(run("plan", "--sessions", "20", "--tokens", "800k"))
	if rec == nil || strings.Count(rec[1], "pro") != 1 || !strings.HasPrefix(rec[1], "pro, the cheapest option that fits") {
		t.Errorf("recommendation line: %q", rec)
	}
	capped := run("plan", "--sessions", "20", "--tokens", "3M", "--devs", "20", "--only", "start,build,scale")
	if !strings.Contains(capped, "Recommendation: scale, the cheapest option that fits") ||
		!strings.Contains(capped, "; start and build ruled out by their monthly spend caps") ||
		!strings.Contains(capped, "; scale cannot be bought: an organisation reaches it automatically (usage history and account standing)") {
		t.Errorf("a recommendation past spend caps:\n%s", capped)
	}

	r := cmdtest.Run(t, Main, nil, "", "plan", "--only", "prox")
	want := "tierplan: --only: no tier or plan named \"prox\" in embedded default (did you mean \"pro\"? valid: start, build, scale, custom, pro, "
	if r.Code != 2 || !strings.HasPrefix(r.Stderr, want) || strings.Contains(r.Stderr, "Usage:") {
		t.Errorf("--only prox: exit %d, %q", r.Code, r.Stderr)
	}
}
