package tiers_test

import (
	"strings"
	"testing"

	tierplan "github.com/tierplan/tierplan"
	"github.com/tierplan/tierplan/tiers"
)

func defaultTable(t *testing.T) *tiers.Table {
	t.Helper()
	tb, err := tiers.Parse("tiers.yaml", tierplan.DefaultTiers)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// An id the table does not know is not priced as a cousin whose prefix it
// starts with: a newer minor version, more digits of a version, more letters
// of a word. Dates, platform suffixes and words after a dash still match.
func TestMatchModelExactlyEnough(t *testing.T) {
	tb := defaultTable(t)
	known := map[string]string{
		"claude-fable-5":                      "fable-5",
		"claude-fable-5-20260701":             "fable-5",
		"claude-fable-5-1-20261001":           "fable-5.1",
		"claude-fable-5-2":                    "fable-5.2",
		"claude-haiku-5-5-20261007":           "haiku-5.5",
		"claude-sonnet-4-5-20250929[1m]":      "sonnet-4.5",
		"claude-sonnet-4-6-latest":            "sonnet",
		"us.anthropic.claude-opus-5-5-v1:0":   "opus-5.5",
		"vertex/anthropic/claude-opus-4-8@x":  "opus",
		"claude-opus-4-20250514":              "opus-4.1",
		"claude-mythos-5-1":                   "mythos-5.1",
		"anthropic.claude-3-5-haiku-20241022": "haiku-3.5",
	}
	for id, want := range known {
		if m, ok := tb.MatchModel(id); !ok || m.Name != want {
			t.Errorf("MatchModel(%q) = %q, %v; want %q", id, m.Name, ok, want)
		}
	}
	for _, id := range []string{
		"claude-fable-5-3-20270101", // a Fable the table does not know: not Fable 5
		"claude-opus-5-6",
		"claude-sonnet-5-55",
		"claude-haiku-5-55-20270101",
		"claude-opus-4-9",
		"claude-sonnet-45",
		"claude-fable-5x",
		"claude-mystery-9-20260101",
		"<synthetic>",
		"",
	} {
		if m, ok := tb.MatchModel(id); ok {
			t.Errorf("MatchModel(%q) = %q; want no model", id, m.Name)
		}
	}
}

// A prefix that ends in a separator is open on purpose and names every
// version under it.
func TestMatchOpenPrefix(t *testing.T) {
	text := strings.Replace(provTable, "match: [claude-m-1]", "match: [claude-m-]", 1)
	tb := parse(t, text)
	for _, id := range []string{"claude-m-1", "claude-m-2-20260101", "claude-m-10"} {
		if _, ok := tb.MatchModel(id); !ok {
			t.Errorf("%s not matched by the open prefix claude-m-", id)
		}
	}
	if _, ok := tb.MatchModel("claude-mx-1"); ok {
		t.Error("claude-mx-1 matched claude-m-")
	}
}

// --model takes a short name, a model id, a dotted version; a typo gets
// the nearest name.
func TestResolveModel(t *testing.T) {
	tb := defaultTable(t)
	for _, c := range []struct{ name, want, note string }{
		{"sonnet", "sonnet", ""},
		{"Sonnet", "sonnet", ""},
		{"claude-sonnet-4-6", "sonnet", "model claude-sonnet-4-6 is sonnet in the tier table (match prefix claude-sonnet-4-6)"},
		{"opus-4.7", "opus", "model opus-4.7 is opus in the tier table (match prefix claude-opus-4-7)"},
		{"claude-opus-4.7", "opus", "model claude-opus-4.7 is opus in the tier table (match prefix claude-opus-4-7)"},
		{"haiku-4-5", "haiku", "model haiku-4-5 is haiku in the tier table (match prefix claude-haiku-4-5)"},
		{"fable-5.2", "fable-5.2", ""},
		{"us.anthropic.claude-opus-5-5-v1:0", "opus-5.5", "model us.anthropic.claude-opus-5-5-v1:0 is opus-5.5 in the tier table (match prefix claude-opus-5-5)"},
	} {
		m, note, err := tb.ResolveModel(c.name)
		if err != nil || m.Name != c.want || note != c.note {
			t.Errorf("ResolveModel(%q) = %q, %q, %v; want %q, %q", c.name, m.Name, note, err, c.want, c.note)
		}
	}
	for _, c := range []struct{ name, want string }{
		{"sonet", `unknown model "sonet": did you mean sonnet?`},
		{"opus-4.9", `unknown model "opus-4.9": did you mean opus-4.5?`},
		{"fable-5.3", `unknown model "fable-5.3": did you mean fable-5.1?`},
		{"gpt-5", `unknown model "gpt-5" (the tier table has: opus, `},
	} {
		_, _, err := tb.ResolveModel(c.name)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("ResolveModel(%q): %v, want %q", c.name, err, c.want)
		}
	}
}

// Prefixes of two models where one would take the other's ids are a
// warning, not an error; a family of versions with dashes is not.
func TestShadowWarnings(t *testing.T) {
	if w := defaultTable(t).Warnings; len(w) != 0 {
		t.Errorf("the default table has warnings: %v", w)
	}
	text := strings.Replace(provTable, "models:\n", `models:
  m-old:
    match: [claude-m]
    pool: p
    context_window: 1000
    price_per_mtok: {input: 1, output: 1, cache_write_5m: 1, cache_write_1h: 1, cache_read: 1}
    otpm_accounting: actual
`, 1)
	text = strings.Replace(text, "match: [claude-m-1]", "match: [claude-m-1, claude-m-2026]", 1)
	tb := parse(t, text)
	if len(tb.Warnings) != 1 || !strings.Contains(tb.Warnings[0].Msg, `model m's match prefix "claude-m-2026" lies under model m-old's "claude-m"`) {
		t.Fatalf("warnings %v", tb.Warnings)
	}
}
