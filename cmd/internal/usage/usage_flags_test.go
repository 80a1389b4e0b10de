package usage

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
	"github.com/tierplan/tierplan/tiers"
)

// Test_NewCmdUsage checks what the flags and paths parse into, without
// running.
func Test_NewCmdUsage(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), NewCmdUsage, []cmdtest.FlagCase[Options]{
		{Name: "defaults", Want: Options{Paths: []string{}, By: []string{"day"}, Top: 10, MinCalls: 3, WeekStart: "monday"}},
		{Name: "ccusage habits", Args: []string{"a", "weekly", "-z", "UTC", "--json", "--week-start", "sunday"},
			Want: Options{Paths: []string{"a"}, By: []string{"week"}, ByGiven: true, Top: 10, MinCalls: 3, TZ: "UTC", JSON: true, WeekStart: "sunday"}},
		{Name: "blocks against a plan", Args: []string{"blocks", "--plan", "max", "--timezone", "Europe/Berlin"},
			Want: Options{Paths: []string{}, By: []string{"block"}, ByGiven: true, Top: 10, MinCalls: 3, TZ: "Europe/Berlin", Plan: "max", WeekStart: "monday"}},
		{Name: "windows", Args: []string{"--windows", "--history", "h.log"},
			Want: Options{Paths: []string{}, By: []string{"day"}, Top: 10, MinCalls: 3, Windows: true, History: "h.log", WeekStart: "monday"}},
		{Name: "paths and every flag", Args: []string{"a", "--by", "day,model", "--by", "minute", "--since", "2025-11-01", "--until", "20251105", "--tz", "UTC", "--top", "3", "b"},
			Want: Options{Paths: []string{"a", "b"}, By: []string{"day", "model", "minute"}, Since: "2025-11-01", Until: "20251105", TZ: "UTC", Top: 3, MinCalls: 3, ByGiven: true, TopGiven: true, WeekStart: "monday"}},
		{Name: "shape", Args: []string{"--shape", "--min-calls", "5", "--by", "version"},
			Want: Options{Paths: []string{}, By: []string{"version"}, Top: 10, Shape: true, MinCalls: 5, ByGiven: true, MinCallsGiven: true, WeekStart: "monday"}},
		{Name: "a --min-calls that is no number", Args: []string{"--shape", "--min-calls", "few"}, WantErr: `invalid argument "few" for "--min-calls"`},
		{Name: "cache and export", Args: []string{"--no-cache", "-v", "--export", "out.tpu"},
			Want: Options{Paths: []string{}, By: []string{"day"}, Top: 10, MinCalls: 3, NoCache: true, Verbose: true, Export: "out.tpu", WeekStart: "monday"}},
		{Name: "a --top that is no number", Args: []string{"--top", "x"}, WantErr: `invalid argument "x" for "--top"`},
	}, cmpopts.IgnoreFields(Options{}, "App", "Chart"))
}

// Test_parseOptions: --by is checked, lower-cased and deduplicated in
// order; the time window is the day range in the zone.
func Test_parseOptions(t *testing.T) {
	q, err := parseOptions(&Options{By: []string{"Model", " day", "model"}, Since: "2025-11-01", Until: "2025-11-01", TZ: "Asia/Tokyo", Top: 2})
	if err != nil {
		t.Fatal(err)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if !cmp.Equal(q.by, []string{"model", "day"}) || q.top != 2 || q.window.Loc.String() != "Asia/Tokyo" ||
		!q.window.Since.Equal(time.Date(2025, 11, 1, 0, 0, 0, 0, tokyo)) || !q.window.Until.Equal(time.Date(2025, 11, 2, 0, 0, 0, 0, tokyo)) {
		t.Fatalf("query %+v", q)
	}
	for _, bad := range []struct {
		opts Options
		want string
	}{
		{Options{Top: -1}, "--top must be 0 or more, not -1"},
		{Options{By: []string{"weekly"}}, `--by "weekly": valid values are day, week, month, session, project, model, block, minute`},
		{Options{By: []string{"day"}, TZ: "Mars/Olympus"}, `--tz "Mars/Olympus": unknown time zone`},
	} {
		if _, err := parseOptions(&bad.opts); !cmdutil.IsUsage(err) || !strings.HasPrefix(err.Error(), bad.want) {
			t.Errorf("%+v: error %v, want the usage error %q", bad.opts, err, bad.want)
		}
	}
}

// Test_usageRun reads the usage package's fixture logs with the test price
// table: the totals are those its own tests compute by hand.
func Test_usageRun(t *testing.T) {
	table, err := tiers.Load(tiers.Source{Path: filepath.Join("testdata", "usage-tiers.yaml"), Reason: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	logs := filepath.Join("..", "..", "..", "planner", "usage", "testdata", "logs")
	app, out, errb := cmdtest.App(table, render.FormatJSON)
	opts := cmdtest.Parse(t, app, NewCmdUsage, logs, "--tz", "UTC")
	if err := usageRun(opts); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Totals struct {
			TotalTokens int64 `json:"total_tokens"`
		} `json:"totals"`
		Timezone string `json:"timezone"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Totals.TotalTokens != 268795 || rep.Timezone != "UTC" {
		t.Errorf("totals %+v, zone %q", rep.Totals, rep.Timezone)
	}
	if !strings.Contains(errb.String(), "3 of 16 lines unreadable") {
		t.Errorf("stderr %q lacks the unreadable lines", errb)
	}

	empty := t.TempDir()
	opts.Paths = []string{empty}
	if err := usageRun(opts); err == nil || !strings.Contains(err.Error(), "no Claude Code transcripts (*.jsonl) in "+empty) {
		t.Errorf("empty directory: error %v", err)
	}
}
