package tiers

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const userTable = `# My own table: Max figures from a colleague.
schema_version: 1
provider: anthropic
as_of: 2026-10-17
source: https://example.com
models:
  sonnet:
    match: [claude-sonnet-4-5]
    pool: sonnet-4
    context_window: 200000
    price_per_mtok: {input: 3, output: 15, cache_write_5m: 3.75, cache_write_1h: 6, cache_read: 0.3}
    otpm_accounting: actual
tiers:
  - name: start
    limits:
      sonnet-4: {rpm: 1000, itpm: 2000000, otpm: 400000}
plans:
  - name: pro
    price_monthly: 20   # what I pay
    weekly: {usd_equivalent: {low: 100, high: 160}, estimate: true, source: a guess}
    counts: [output]
  - name: max
    price_monthly: 100
    window_5h:   # from the forum, 2026-09
      usd_equivalent: {low: 33.25, high: 66.50}
      estimate: true
      source: a forum thread
    # the week, as Anthropic says nothing
    weekly:
      usd_equivalent: {low: 307.5, high: 500}
      estimate: true
      source: the same thread
    counts: [output]
# end of my table
`

var measured = Allowance{Low: Dollars(5.86), High: Dollars(6.3), Estimate: true,
	Source: "measured from your logs, 143 observations, 2026-12-04 to 2026-12-07", Basis: "$0.0608 of output per 1%"}

func TestSetAllowanceReplacesOnlyItsLines(t *testing.T) {
	out, err := SetAllowance([]byte(userTable), "max", "window_5h", measured, "replaced by tierplan tiers calibrate on 2026-12-07")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(userTable, `    window_5h:   # from the forum, 2026-09
      usd_equivalent: {low: 33.25, high: 66.50}
      estimate: true
      source: a forum thread
`, `    window_5h:
      usd_equivalent: {low: 5.86, high: 6.3}
      estimate: true
      source: "measured from your logs, 143 observations, 2026-12-04 to 2026-12-07"
      basis: "$0.0608 of output per 1%"
      # replaced by tierplan tiers calibrate on 2026-12-07; it read:
      #   window_5h:   # from the forum, 2026-09
      #     usd_equivalent: {low: 33.25, high: 66.50}
      #     estimate: true
      #     source: a forum thread
`, 1)
	if string(out) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
	table, err := Parse("mine.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := table.Plan("max")
	if p.Window5h.Low != Dollars(5.86) || p.Window5h.High != Dollars(6.3) || p.Weekly.High != Dollars(500) {
		t.Errorf("parsed back: %+v %+v", p.Window5h, p.Weekly)
	}
}

func TestSetAllowanceLastKeyAndAdded(t *testing.T) {
	// The weekly allowance keeps the comment above it and the counts after.
	out, err := SetAllowance([]byte(userTable), "max", "weekly", measured, "replaced")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "    # the week, as Anthropic says nothing\n    weekly:\n      usd_equivalent: {low: 5.86, high: 6.3}\n") ||
		!strings.Contains(s, "      #     source: the same thread\n    counts: [output]\n# end of my table\n") {
		t.Fatalf("weekly replaced wrongly:\n%s", s)
	}
	// Pro has no window_5h: it is added after the plan's last line.
	out, err = SetAllowance([]byte(userTable), "pro", "window_5h", measured, "unused")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "    counts: [output]\n    window_5h:\n      usd_equivalent: {low: 5.86, high: 6.3}\n") ||
		strings.Contains(string(out), "unused") {
		t.Fatalf("window_5h not added to pro:\n%s", out)
	}
	if _, err := Parse("mine.yaml", out); err != nil {
		t.Fatal(err)
	}
	// CRLF files stay CRLF.
	crlf := strings.ReplaceAll(userTable, "\n", "\r\n")
	out, err = SetAllowance([]byte(crlf), "max", "window_5h", measured, "replaced")
	if err != nil || strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
		t.Fatalf("CRLF: %v\n%q", err, out)
	}
}

func TestSetAllowanceRefuses(t *testing.T) {
	for _, c := range []struct{ src, plan, key, want string }{
		{userTable, "ultra", "window_5h", `no plan "ultra"`},
		{userTable, "max", "daily", `no allowance "daily"`},
		{"- a\n", "max", "weekly", "not a tier table"},
		{"plans: [{name: max, price_monthly: 100}]\n", "max", "weekly", "line 1: plan max is written on one line"},
		{"a: [\n", "max", "weekly", "did not find expected"},
	} {
		if _, err := SetAllowance([]byte(c.src), c.plan, c.key, measured, "x"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q %s %s: error %v, want %q", c.src, c.plan, c.key, err, c.want)
		}
	}
}

// FuzzSetAllowance: whatever the file, an edit that succeeds leaves YAML
// whose plan holds the new figures, and every line of the old text is
// still in the new one (as it was, or as a comment).
func FuzzSetAllowance(f *testing.F) {
	f.Add([]byte(userTable), "max", true)
	f.Add([]byte(userTable), "pro", false)
	f.Add([]byte("plans:\n- name: max\n  weekly:\n    usd_equivalent: {low: 1, high: 2}\n"), "max", false)
	f.Add([]byte("plans:\n  - name: max\n    window_5h: |\n      text\n\n    # c\n"), "max", true)
	f.Fuzz(func(t *testing.T, src []byte, plan string, fiveHour bool) {
		key := "weekly"
		if fiveHour {
			key = "window_5h"
		}
		out, err := SetAllowance(src, plan, key, measured, "replaced")
		if err != nil {
			return
		}
		var doc struct {
			Plans []map[string]any `yaml:"plans"`
		}
		if err := yaml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("the edit broke the YAML: %v\n%s", err, out)
		}
		found := false
		for _, p := range doc.Plans {
			if name, _ := p["name"].(string); name == plan {
				a, _ := p[key].(map[string]any)
				u, _ := a["usd_equivalent"].(map[string]any)
				found = found || fmt.Sprint(u["low"]) == "5.86"
			}
		}
		if !found {
			t.Fatalf("plan %q has no new %s:\n%s", plan, key, out)
		}
		for _, l := range strings.Split(string(src), "\n") {
			if l = strings.TrimSpace(strings.TrimSuffix(l, "\r")); l != "" && !strings.Contains(string(out), l) {
				t.Fatalf("line %q of the old text lost:\n%s", l, out)
			}
		}
	})
}
