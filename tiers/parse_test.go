package tiers_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/internal/testflag"
	"github.com/tierplan/tierplan/tiers"
)

var update = testflag.Update

// TestBrokenFiles parses every file under testdata/broken and compares the
// error with the .err file beside it, line for line. Run with -update to
// rewrite the .err files, then read the diff: each is a promise to users.
func TestBrokenFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(files) < 15 {
		t.Fatalf("want at least 15 broken files, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			tb, err := tiers.Parse(name, data)
			if err == nil {
				t.Fatalf("parsed without error: %d models", len(tb.Models))
			}
			var pe *tiers.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, want *tiers.ParseError: %v", err, err)
			}
			got := err.Error() + "\n"
			want := strings.TrimSuffix(f, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if d := cmp.Diff(string(exp), got); d != "" {
				t.Errorf("error lines differ (-want +got):\n%s", d)
			}
		})
	}
}

func TestShippedTablesLoad(t *testing.T) {
	cases := map[string][]byte{"tiers.yaml (embedded)": tierplan.DefaultTiers}
	examples, _ := filepath.Glob("examples/*.yaml")
	if len(examples) == 0 {
		t.Fatal("no example tables")
	}
	for _, f := range examples {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases[f] = data
	}
	for name, data := range cases {
		tb, err := tiers.Parse(name, data)
		if err != nil {
			t.Errorf("%s:\n%v", name, err)
			continue
		}
		if len(tb.Models) == 0 || len(tb.Tiers) == 0 || tb.AsOf.IsZero() || tb.Source == "" {
			t.Errorf("%s: incomplete table: %d models, %d tiers, as_of %v", name, len(tb.Models), len(tb.Tiers), tb.AsOf)
		}
	}
}

// TestBOMAndCRLF: a table saved by a Windows editor reads exactly like the
// original.
func TestBOMAndCRLF(t *testing.T) {
	want, err := tiers.Parse("a", tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(tierplan.DefaultTiers, []byte("\n"), []byte("\r\n"))...)
	got, err := tiers.Parse("a", crlf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("BOM + CRLF table differs (-plain +crlf):\n%s", d)
	}
}

func TestDefaultTableFigures(t *testing.T) {
	tb, err := tiers.Parse("tiers.yaml", tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	start, ok := tb.Tier("start")
	if !ok || !start.HasSpendCap || start.MonthlySpendCap != tiers.Dollars(500) {
		t.Fatalf("start tier: %+v", start)
	}
	if got := start.Limits["sonnet-4"]; got != (tiers.Limits{RPM: 1000, ITPM: 2_000_000, OTPM: 400_000}) {
		t.Errorf("start sonnet-4 limits %+v", got)
	}
	if c, _ := tb.Tier("custom"); !c.Negotiated || c.HasSpendCap {
		t.Errorf("custom tier %+v", c)
	}
	sonnet, _ := tb.Model("sonnet")
	// 0.30 per MTok is exactly 300,000 micro-dollars per million tokens.
	if sonnet.Price.CacheRead != 300_000 || sonnet.Price.Input != 3_000_000 {
		t.Errorf("sonnet prices %+v", sonnet.Price)
	}
	s45, _ := tb.Model("sonnet-4.5")
	if s45.LongContext == nil || s45.LongContext.Threshold != 200_000 || s45.LongContext.Price.Output != 22_500_000 {
		t.Errorf("sonnet-4.5 long context %+v", s45.LongContext)
	}
	if h, _ := tb.Model("haiku-3.5"); !h.ITPMCountsCacheReads {
		t.Error("haiku-3.5 cache reads must count toward ITPM")
	}
	p, _ := tb.Plan("max")
	// Max 20x's measured $66.50 of output per 5 hours, doubled on
	// 2026-05-06, times 5/20.
	if p.Window5h == nil || p.Window5h.Low != tiers.Dollars(33.25) || p.Window5h.High != tiers.Dollars(66.5) || !p.Window5h.Estimate {
		t.Errorf("max window %+v", p.Window5h)
	}
	// The allowances were measured on output tokens, so use counts output.
	if d := cmp.Diff([]tiers.TokenKind{"output"}, p.Counts); d != "" {
		t.Errorf("counts: %s", d)
	}
	if s := sonnet.Speed; s == nil || s.OutputPerSecond != 95 || s.FirstToken != 1200*time.Millisecond {
		t.Errorf("sonnet speed %+v", s)
	}
}

// TestDefaultMatchesLogModels: the model ids Claude Code logs carry, old and
// new, all find a model, and the longest prefix wins.
func TestDefaultMatchesLogModels(t *testing.T) {
	tb, err := tiers.Parse("tiers.yaml", tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"claude-sonnet-4-5-20250929":              "sonnet-4.5",
		"claude-sonnet-4-6":                       "sonnet",
		"claude-sonnet-4-20250514":                "sonnet-4",
		"claude-opus-4-5-20251101":                "opus-4.5",
		"claude-opus-4-6":                         "opus",
		"claude-opus-4-1-20250805":                "opus-4.1",
		"claude-opus-4-20250514":                  "opus-4.1",
		"claude-haiku-4-5-20251001":               "haiku",
		"claude-3-5-haiku-20241022":               "haiku-3.5",
		"claude-3-7-sonnet-20250219":              "sonnet-3.7",
		"us.anthropic.claude-opus-4-6-v1":         "opus",
		"anthropic.claude-sonnet-4-20250514-v1:0": "sonnet-4",
		"claude-sonnet-4@20250514":                "sonnet-4",
		"claude-opus-5-5":                         "opus-5.5",
		"claude-opus-5":                           "opus-5",
	}
	for id, want := range cases {
		m, ok := tb.MatchModel(id)
		if !ok || m.Name != want {
			t.Errorf("MatchModel(%q) = %q, %v; want %q", id, m.Name, ok, want)
		}
	}
	if m, ok := tb.MatchModel("<synthetic>"); ok {
		t.Errorf("<synthetic> matched %q", m.Name)
	}
}
