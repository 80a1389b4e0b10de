package usage

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/cmdutil"
	"github.com/tierplan/tierplan/cmd/internal/render"
)

// Test_parseShapeOptions: with --shape, --by takes session and version
// only, --top is refused, --min-calls is at least 1; usage's default --by
// (day) is no section at all.
func Test_parseShapeOptions(t *testing.T) {
	q, err := parseShapeOptions(&Options{By: []string{"day"}, MinCalls: 3, TZ: "UTC"})
	if err != nil || len(q.by) != 0 || q.minCalls != 3 || q.window.Loc.String() != "UTC" {
		t.Fatalf("defaults: %+v, %v", q, err)
	}
	q, err = parseShapeOptions(&Options{By: []string{"Version", " session", "version"}, ByGiven: true, MinCalls: 1})
	if err != nil || !slices.Equal(q.by, []string{"version", "session"}) {
		t.Fatalf("--by: %+v, %v", q, err)
	}
	for _, bad := range []struct {
		opts Options
		want string
	}{
		{Options{By: []string{"day"}, ByGiven: true, MinCalls: 3}, `--by "day" does not apply with --shape: valid values are session, version`},
		{Options{TopGiven: true, MinCalls: 3}, "--top lists peak minutes; it does not apply with --shape"},
		{Options{MinCalls: 0}, "--min-calls must be 1 or more, not 0"},
		{Options{MinCalls: -2}, "--min-calls must be 1 or more, not -2"},
		{Options{MinCalls: 3, Since: "2025-02-30"}, `--since "2025-02-30"`},
	} {
		if _, err := parseShapeOptions(&bad.opts); !cmdutil.IsUsage(err) || !strings.HasPrefix(err.Error(), bad.want) {
			t.Errorf("%+v: error %v, want the usage error %q", bad.opts, err, bad.want)
		}
	}
	// --min-calls without --shape is a usage error, not ignored
	if err := usageOrShapeRun(&Options{MinCallsGiven: true, MinCalls: 4}); !cmdutil.IsUsage(err) || err.Error() != "--min-calls applies only with --shape" {
		t.Errorf("--min-calls alone: %v", err)
	}
}

// Test_shapeRun: options in, the report out, with buffers.
func Test_shapeRun(t *testing.T) {
	history := filepath.Join("..", "..", "..", "planner", "usage", "shape", "testdata", "history")
	app, out, errb := cmdtest.App(nil, render.FormatCSV)
	opts := cmdtest.Parse(t, app, NewCmdUsage, history, "--shape", "--min-calls", "4")
	if err := shapeRun(opts); err != nil {
		t.Fatal(err)
	}
	// A (5 calls), B (5) and D (4) are work sessions; C (1) and E (none) are not
	if !strings.HasPrefix(out.String(), "figure,unit,median,p10,p90,pooled,pooled_basis,sessions,meaning\ncalls,count,5,4,5,") {
		t.Errorf("csv %q", out.String()[:min(out.Len(), 120)])
	}
	if strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("stderr %q", errb)
	}
}
