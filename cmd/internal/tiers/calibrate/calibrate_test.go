package calibrate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/root"
	"github.com/tierplan/tierplan/cmd/internal/tiers/calibrate"
	"github.com/tierplan/tierplan/tiers"
)

// The usage command's --windows fixture: a plan whose 5-hour window holds
// $6 and whose week holds $150 of output, its readings and its logs.
var (
	fixture = filepath.Join("..", "..", "usage", "testdata", "windows")
	logs    = filepath.Join(fixture, "claude")
	history = filepath.Join(fixture, "windows.log")
)

var now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func Test_NewCmdCalibrate(t *testing.T) {
	cmdtest.CheckFlags(t, cmdutil.NewApp(cmdutil.Env{}), calibrate.NewCmdCalibrate, []cmdtest.FlagCase[calibrate.Options]{
		{Name: "all", Args: []string{"--plan", "max", "--history", "h.log", "--dry-run", "a", "b"},
			Want: calibrate.Options{Plan: "max", History: "h.log", DryRun: true, Paths: []string{"a", "b"}}},
		{Name: "no plan", Args: []string{"a"}, WantErr: `required flag(s) "plan" not set`},
	}, cmpopts.IgnoreFields(calibrate.Options{}, "App"))
}

// TestCalibrateWritesMeasuredFigures: the user's table gets the measured
// bands, which hold the fixture's true allowances ($600 and $15,000 are
// the whole windows: $6 and $150), and keeps everything else.
func TestCalibrateWritesMeasuredFigures(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "mine.yaml")
	src := cmdtest.ReadFile(t, filepath.Join(fixture, "tiers.yaml"))
	cmdtest.WriteFile(t, table, src, 0o600)
	r := cmdtest.RunExact(t, root.Main, nil, now, false, "--tiers", table, "tiers", "calibrate", "--plan", "max", "--history", history, logs)
	if r.Code != 0 {
		t.Fatalf("exit %d: %s", r.Code, r.Stderr)
	}
	for _, want := range []string{"max window_5h: $5.00–$8.00 → $5.86–$6.30 (measured from your logs, 143 observations, 2026-12-04 to 2026-12-07)",
		"max weekly: $100.00–$200.00 → $140.51–$154.74", "wrote " + table} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.Stdout)
		}
	}
	got, err := tiers.Load(tiers.Source{Path: table, Reason: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := got.Plan("max")
	if p.Window5h.Low > tiers.Dollars(6) || p.Window5h.High < tiers.Dollars(6) || p.Weekly.Low > tiers.Dollars(150) || p.Weekly.High < tiers.Dollars(150) || !p.Window5h.Estimate {
		t.Errorf("calibrated bands miss the truth: %+v %+v", p.Window5h, p.Weekly)
	}
	after := string(cmdtest.ReadFile(t, table))
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.Contains(after, l) {
			t.Errorf("line %q of the user's table lost", l)
		}
	}
	if fi, _ := os.Stat(table); fi.Mode().Perm() != 0o600 {
		t.Errorf("the table's mode changed to %v", fi.Mode().Perm())
	}
}

func TestCalibrateCreatesTheUserFileAndDryRuns(t *testing.T) {
	builtin, err := tiers.Load(tiers.Source{}, tierplan.DefaultTiers)
	if err != nil || len(builtin.Plans) == 0 {
		t.Fatal(err)
	}
	plan := builtin.Plans[len(builtin.Plans)-1].Name // whatever the built-in table calls its plans
	cfg := t.TempDir()
	vars := map[string]string{"XDG_CONFIG_HOME": cfg}
	r := cmdtest.RunExact(t, root.Main, vars, now, false, "tiers", "calibrate", "--plan", plan, "--history", history, "--dry-run", logs)
	if r.Code != 0 || !strings.Contains(r.Stdout, "measured from your logs, 143 observations") {
		t.Fatalf("dry run: exit %d\n%s", r.Code, r.Stderr)
	}
	user := filepath.Join(cfg, "tierplan", "tiers.yaml")
	if _, err := os.Stat(user); err == nil {
		t.Fatalf("--dry-run wrote %s", user)
	}
	r = cmdtest.RunExact(t, root.Main, vars, now, false, "tiers", "calibrate", "--plan", plan, "--history", history, logs)
	if r.Code != 0 || !strings.HasPrefix(r.Stdout, "created "+user+" from the built-in table\n") {
		t.Fatalf("exit %d: %s%s", r.Code, r.Stderr, r.Stdout)
	}
}

func TestCalibrateRefuses(t *testing.T) {
	short := filepath.Join(t.TempDir(), "short.log")
	cmdtest.WriteFile(t, short, []byte("1796634000 five_hour 1 1796652000\n1796635000 five_hour 5 1796652000\n"), 0o600)
	table := filepath.Join(fixture, "tiers.yaml")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--plan", "ultra", "--history", history, logs}, 2, `--plan "ultra": no plan of that name in ` + table + `; its plans: max`},
		{[]string{"--plan", "max", "--history", short, logs}, 1, "nothing to calibrate yet"},
	} {
		r := cmdtest.RunExact(t, root.Main, nil, now, false, append([]string{"--tiers", table, "tiers", "calibrate"}, c.args...)...)
		if r.Code != c.code || !strings.Contains(r.Stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, r.Code, r.Stderr, c.code, c.want)
		}
	}
}

// Paths may come from the environment: the ones calibrate names reach the
// terminal escaped, on stdout and on stderr.
func TestCalibrateEscapesPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x\x1b]0;owned\a")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Skipf("this file system refuses control characters in names: %v", err)
	}
	table := filepath.Join(dir, "mine.yaml")
	cmdtest.WriteFile(t, table, cmdtest.ReadFile(t, filepath.Join(fixture, "tiers.yaml")), 0o600)
	short := filepath.Join(dir, "short.log")
	cmdtest.WriteFile(t, short, cmdtest.ReadFile(t, history)[:200], 0o600)
	escaped := `x\x1b]0;owned\x07`
	for _, c := range []struct {
		history string
		code    int
	}{{history, 0}, {short, 1}} {
		r := cmdtest.RunExact(t, root.Main, nil, now, false, "--tiers", table, "tiers", "calibrate", "--plan", "max", "--history", c.history, logs)
		out := r.Stdout + r.Stderr
		if r.Code != c.code || !strings.Contains(out, escaped) || strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("--history %q: exit %d, want %d; output must name the directory as %s:\n%q", c.history, r.Code, c.code, escaped, out)
		}
	}
}
