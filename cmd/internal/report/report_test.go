package report_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tierplan/tierplan/cmd/internal/cmdtest"
	"github.com/tierplan/tierplan/cmd/internal/root"
)

// The fixture: three and a half days of one developer's Claude Code logs
// and a tier table with one plan, max, whose 5-hour window holds $6.
var (
	fixtureLogs  = filepath.Join("testdata", "claude")
	fixtureTiers = filepath.Join("testdata", "tiers.yaml")
	fixtureNow   = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
)

func run(t *testing.T, args ...string) cmdtest.Result {
	t.Helper()
	return cmdtest.RunExact(t, root.Main, nil, fixtureNow, false, args...)
}

// pages are the two kinds of report: a workload from flags, and one from
// logs (with the day and block charts).
func pages(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, args := range map[string][]string{
		"flags": {"report", "--sessions", "20", "--tokens", "800k"},
		"logs":  {"--tiers", fixtureTiers, "report", "--from-logs=" + fixtureLogs, "--tz", "UTC", "--plan", "max"},
	} {
		r := run(t, args...)
		// The fixture's table is old, which a warning says; nothing else.
		if r.Code != 0 || strings.Count(r.Stderr, "\n") > 1 || r.Stderr != "" && !strings.Contains(r.Stderr, "days old") {
			t.Fatalf("%s: exit %d, stderr %q", name, r.Code, r.Stderr)
		}
		out[name] = r.Stdout
	}
	return out
}

// outside matches anything in a page that could make a browser ask for
// something: a URL, a source or link attribute, a CSS import or url(), a
// script, frame, object or image element.
var outside = regexp.MustCompile(`(?i)https?:|ftp:|//[a-z0-9]|\bsrc\s*=|\bhref\s*=|@import|url\s*\(|<script|<link|<iframe|<object|<embed|<img|<use\b|srcset`)

// The report makes no outside reference of any kind.
func TestReportMakesNoOutsideReference(t *testing.T) {
	for name, html := range pages(t) {
		if m := outside.FindAllString(html, 5); m != nil {
			t.Errorf("%s report refers outside: %q", name, m)
		}
		if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, "</html>") {
			t.Errorf("%s report is not a whole page", name)
		}
	}
	// The pattern itself catches what it must.
	for _, bad := range []string{`<img src="x.png">`, `a{background:url(x.png)}`, `@import "x.css";`, `<a href="#x">`, `<script>`, `//cdn.example/x.js`, `https://x`} {
		if !outside.MatchString(bad) {
			t.Errorf("%q not caught", bad)
		}
	}
}

// Each report holds its sections: the logs', each workload's table and
// recommendation, and a chart for each picture.
func TestReportSections(t *testing.T) {
	p := pages(t)
	for _, want := range []string{"Workload default", "Recommendation: pro", "Every tier and plan", "Context per call", "Busiest minute", "Cost a month"} {
		if !strings.Contains(p["flags"], want) {
			t.Errorf("flags report lacks %q", want)
		}
	}
	if n := strings.Count(p["flags"], `<svg class="tp-chart"`); n != 3 {
		t.Errorf("flags report has %d charts, want 3", n)
	}
	for _, want := range []string{"Your logs", "Workload logs-typical", "Workload logs-heavy", "API-equivalent cost per day", "against max", "reproduce", "--from-logs"} {
		if !strings.Contains(strings.ToLower(p["logs"]), strings.ToLower(want)) {
			t.Errorf("logs report lacks %q", want)
		}
	}
	if n := strings.Count(p["logs"], `<svg class="tp-chart"`); n < 7 {
		t.Errorf("logs report has %d charts, want 2 of the logs and at least 5 of the workloads", n)
	}
}

// --out writes the page to a file (and nothing to stdout); flags that
// need --from-logs say so.
func TestReportOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	r := run(t, "report", "--sessions", "5", "--tokens", "300k", "--out", out)
	if r.Code != 0 || r.Stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.Code, r.Stdout, r.Stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "</html>") {
		t.Fatalf("%v: %.80q", err, b)
	}
	for _, bad := range [][]string{{"report", "--plan", "max"}, {"report", "--since", "2026-01-01"}, {"report", "extra"}} {
		if r := run(t, bad...); r.Code != 2 {
			t.Errorf("%v: exit %d, stderr %q", bad, r.Code, r.Stderr)
		}
	}
	if r := run(t, "report", "--out", filepath.Join(t.TempDir(), "no", "such", "dir", "r.html")); r.Code != 1 || !strings.Contains(r.Stderr, "--out") {
		t.Errorf("unwritable --out: exit %d, stderr %q", r.Code, r.Stderr)
	}
}
