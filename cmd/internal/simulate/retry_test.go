package simulate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
)

// A retry flag the user sets is used or refused, never replaced by the
// policy's default: 0s used to fall back to 0.5s base and 32s cap.
func TestSimulateRetryFlagsHonouredOrRefused(t *testing.T) {
	refused := []struct {
		args []string
		want string
	}{
		{[]string{"--retry-base", "0s"}, "--retry-base must be a positive duration, not 0s"},
		{[]string{"--retry-cap", "0s"}, "--retry-cap must be a positive duration, not 0s"},
		{[]string{"--retry-base", "0s", "--retry-cap", "0s"}, "--retry-base must be a positive duration"},
		{[]string{"--retry-cap", "100ms"}, "retry cap 100ms is below the base 500ms"},
		{[]string{"--policy", "none", "--retry-base", "1s"}, "--retry-base has no effect with --policy none"},
		{[]string{"--policy", "none", "--max-retries", "3"}, "--max-retries has no effect with --policy none"},
		{[]string{"--policy", "none", "--ignore-retry-after"}, "--ignore-retry-after has no effect"},
	}
	for _, tc := range refused {
		_, errOut, code := runWithTable(t, cmdtest.SimTable(), append([]string{"simulate", "--tier", "tier-1"}, tc.args...)...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != cmdutil.ExitUsage || !strings.Contains(first, tc.want) {
			t.Errorf("%v: exit %d, %q; want a usage error with %q", tc.args, code, first, tc.want)
		}
	}
	// 1ms is a positive duration: accepted and shown as given.
	out, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", "--retry-base", "1ms", "--retry-cap", "1ms", "-o", "json")
	if code != 0 {
		t.Fatalf("1ms: exit %d, %s", code, errOut)
	}
	var rep struct {
		Settings struct {
			Base float64 `json:"retry_base_s"`
			Cap  float64 `json:"retry_cap_s"`
		} `json:"simulation"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Settings.Base != 0.001 || rep.Settings.Cap != 0.001 {
		t.Errorf("1ms: settings %+v, err %v", rep.Settings, err)
	}
	// The compared policies include none, so retry flags are fine there.
	if _, errOut, code := runWithTable(t, cmdtest.SimTable(), "simulate", "--tier", "tier-1", "--policy", "none", "--compare-retries", "--retry-base", "1s"); code != 0 {
		t.Errorf("compare with a retry flag: exit %d, %s", code, errOut)
	}
}
