package usage_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// The --windows fixture: three and a half days of a user whose plan's
// 5-hour window holds $6 and whose week holds $150 of output at list
// prices, the readings a status line recorded, and the calls' transcript
// (written by the windows package's TestWriteFixture).
var (
	windowsDir     = filepath.Join("testdata", "windows")
	windowsLogs    = filepath.Join(windowsDir, "claude")
	windowsHistory = filepath.Join(windowsDir, "windows.log")
	planTiers      = filepath.Join(windowsDir, "tiers.yaml")
)

// windowsNow is noon on the fixture's last day: its last block is running.
var windowsNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func runPlanCmd(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.RunExact(t, root.Main, env, windowsNow, false, append([]string{"--tiers", planTiers, "usage"}, args...)...)
}

func TestUsageSubscriberGolden(t *testing.T) {
	cmdtest.CheckGolden(t, func(t *testing.T, args ...string) cmdtest.Result { return runPlanCmd(t, nil, args...) }, []cmdtest.GoldenRun{
		{Name: "usage-weekly.txt", Args: []string{"weekly", windowsLogs, "-z", "UTC"}},
		{Name: "usage-weekly-sunday.txt", Args: []string{windowsLogs, "--by", "week,month", "--week-start", "sunday", "--timezone", "UTC"}},
		{Name: "usage-weekly-reset.txt", Args: []string{windowsLogs, "--by", "week", "--week-start", "reset", "--history", windowsHistory, "--tz", "UTC"}},
		{Name: "usage-blocks.txt", Args: []string{"blocks", windowsLogs, "--tz", "UTC"}},
		{Name: "usage-blocks-plan.txt", Args: []string{"blocks", windowsLogs, "--plan", "max", "--tz", "UTC"}},
		{Name: "usage-windows.txt", Args: []string{windowsLogs, "--windows", "--history", windowsHistory, "--plan", "max", "--by", "day", "--tz", "UTC"}},
		{Name: "usage-windows-all-kinds.md", Args: []string{windowsLogs, "--windows", "--history", windowsHistory, "--by", "month", "--tz", "UTC", "-o", "markdown"}},
	})
}

// TestUsageWindowsRecoversTheAllowance: the fixture's true figures, $0.06
// and $1.50 of output a percent, lie inside the bands usage --windows
// states, in the JSON contract.
func TestUsageWindowsRecoversTheAllowance(t *testing.T) {
	r := runPlanCmd(t, nil, windowsLogs, "--windows", "--history", windowsHistory, "--plan", "max", "--json")
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	var rep struct {
		Measured struct {
			Basis   string `json:"basis"`
			Windows []struct {
				Window  string `json:"window"`
				Enough  bool   `json:"enough"`
				Counted struct {
					Value, Low, High float64
				} `json:"counted_usd_per_percent"`
			} `json:"windows"`
		} `json:"measured_allowance"`
		ActiveBlock *struct {
			Projected float64 `json:"projected_counted_usd"`
		} `json:"active_block"`
		Weeks  []json.RawMessage `json:"weeks"`
		Months []json.RawMessage `json:"months"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	truth := map[string]float64{"five_hour": 0.06, "seven_day": 1.5}
	if len(rep.Measured.Windows) != 2 || rep.Measured.Basis != "output tokens" {
		t.Fatalf("measured = %+v", rep.Measured)
	}
	for _, w := range rep.Measured.Windows {
		if !w.Enough || truth[w.Window] < w.Counted.Low || truth[w.Window] > w.Counted.High {
			t.Errorf("%s: $%v a percent outside the stated band %+v", w.Window, truth[w.Window], w.Counted)
		}
	}
	if rep.ActiveBlock == nil || rep.ActiveBlock.Projected <= 0 || len(rep.Weeks) == 0 || len(rep.Months) != 1 {
		t.Errorf("active block %+v, %d weeks, %d months", rep.ActiveBlock, len(rep.Weeks), len(rep.Months))
	}
}

func TestUsageSubscriberErrors(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "none.log")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{windowsLogs, "--plan", "ultra"}, 2, `--plan "ultra": no plan of that name in the tier table ` + planTiers + ` (--tiers); its plans: max`},
		{[]string{windowsLogs, "--week-start", "someday"}, 2, `--week-start "someday": valid values are monday, tuesday`},
		{[]string{windowsLogs, "--by", "week", "--week-start", "reset", "--history", empty}, 1, "--week-start reset: the window history (" + empty + ") has no weekly reset yet"},
		{[]string{windowsLogs, "--json", "-o", "yaml"}, 2, "--json and -o yaml disagree"},
		{[]string{"daily", windowsLogs, "--by", "model"}, 2, "daily names the report; leave out --by, or the name"},
	} {
		r := runPlanCmd(t, nil, c.args...)
		if r.Code != c.code || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.Code, r.Stderr, c.code, c.want)
		}
	}
	// --windows with no history yet says how to get one.
	r := runPlanCmd(t, nil, windowsLogs, "--windows", "--history", empty, "--tz", "UTC")
	if r.Code != 0 || !strings.Contains(r.Stdout, "No window has an observation yet") {
		t.Errorf("--windows without a history: exit %d\n%s%s", r.Code, r.Stderr, r.Stdout)
	}
}

// Cost per day and each 5-hour block against the plan's allowance, at 80
// and 120 columns, in Unicode and ASCII.
func TestUsageCharts(t *testing.T) {
	cmdtest.ChartGoldens(t, "chart-blocks", func(t *testing.T, env map[string]string, args ...string) cmdtest.Result {
		return runPlanCmd(t, env, args...)
	}, "blocks", windowsLogs, "--plan", "max", "--tz", "UTC")
}
