package ratelimits

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParsePage(t *testing.T) {
	p, err := ParsePage(fixture(t, "org-page1.json"), false)
	if err != nil {
		t.Fatal(err)
	}
	want := Page{NextPage: "page_2", Entries: []Entry{
		{GroupType: "model_group", GroupID: "rlg_sonnet4", Name: "Claude Sonnet 4.x",
			Models: []string{"claude-sonnet-4-6", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929"},
			Limits: []Limit{{"requests_per_minute", 4000, false}, {"input_tokens_per_minute", 6_000_000, false}, {"output_tokens_per_minute", 1_200_000, false}}},
		{GroupType: "model_group", GroupID: "rlg_opus55", Name: "Claude Opus 5.5", Models: []string{"claude-opus-5-5"},
			Limits: []Limit{{"requests_per_minute", 4000, false}, {"input_tokens_per_minute", 10_000_000, false},
				{"output_tokens_per_minute", 800_000, false}, {"fast_output_tokens_per_minute", 90_000, false}}},
	}}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("page (-want +got):\n%s", d)
	}
	// A workspace's limits are its own unless their source says the
	// organisation's.
	w, err := ParsePage(fixture(t, "workspace.json"), true)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]Limit{{"requests_per_minute", 1000, true}, {"input_tokens_per_minute", 500_000, true}, {"output_tokens_per_minute", 1_200_000, false}}, w.Entries[0].Limits); d != "" {
		t.Errorf("workspace limits (-want +got):\n%s", d)
	}
}

// Every answer that is not a rate-limit list is refused with the field
// that is wrong.
func TestParsePageBadInputs(t *testing.T) {
	entry := func(limits string) string {
		return `{"data":[{"type":"rate_limit","group_type":"model_group","models":["m"],"limits":[` + limits + `]}]}`
	}
	for _, c := range []struct{ name, body, want string }{
		{"empty", ``, "empty answer"},
		{"not JSON", `<html>502 Bad Gateway</html>`, "not JSON"},
		{"truncated", `{"data":[{"type":"rate_limit"`, "not JSON"},
		{"two values", `{"data":[]} {"data":[]}`, "more than one JSON value"},
		{"no data", `{"next_page":null}`, "no data list"},
		{"data not a list", `{"data":{}}`, "data: expected a list"},
		{"entry not an object", `{"data":[1]}`, "expected an object"},
		{"other object", `{"data":[{"type":"api_key","group_type":"x","limits":[]}]}`, `data[0].type: "api_key" is not a rate limit`},
		{"no group type", `{"data":[{"type":"rate_limit","limits":[]}]}`, "data[0]: no group_type"},
		{"group types differ", `{"data":[{"group":{"type":"batch"},"group_type":"files","limits":[]}]}`, `data[0].group.type "batch" differs from group_type "files"`},
		{"no limits", `{"data":[{"type":"rate_limit","group_type":"batch"}]}`, "data[0]: no limits list"},
		{"models not a list", `{"data":[{"group_type":"model_group","models":"m","limits":[]}]}`, "expected a list"},
		{"limit without type", entry(`{"value":1}`), "data[0].limits[0].type: missing"},
		{"value missing", entry(`{"type":"requests_per_minute"}`), "data[0].limits[0].value: missing"},
		{"value null", entry(`{"type":"requests_per_minute","value":null}`), "value: missing"},
		{"value text", entry(`{"type":"requests_per_minute","value":"4000"}`), `value: expected a number, found "4000"`},
		{"value negative", entry(`{"type":"requests_per_minute","value":-1}`), "value: -1 is negative"},
		{"value fraction", entry(`{"type":"requests_per_minute","value":1.5}`), "value: 1.5 is not a whole number"},
		{"value huge", entry(`{"type":"requests_per_minute","value":1e300}`), "value: 1e300 is too large"},
		{"value overflow", entry(`{"type":"requests_per_minute","value":1e999}`), "value: 1e999 is too large"},
		{"org limit bad", entry(`{"type":"requests_per_minute","value":1,"org_limit":"x"}`), "org_limit: expected a number"},
		{"source unknown", entry(`{"type":"requests_per_minute","value":1,"source":{"type":"team"}}`), `source.type: "team" is neither workspace nor organization`},
		{"next page not text", `{"data":[],"next_page":5}`, "next_page: expected text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParsePage([]byte(c.body), false)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%v, want %q", err, c.want)
			}
		})
	}
	many := `{"data":[` + strings.Repeat(`{"group_type":"files","limits":[]},`, maxEntries) + `{"group_type":"files","limits":[]}]}`
	if _, err := ParsePage([]byte(many), false); err == nil || !strings.Contains(err.Error(), "rate-limit groups on one page") {
		t.Errorf("%d groups: %v", maxEntries+1, err)
	}
}

// FuzzParsePage: whatever the bytes, ParsePage returns a page of sound
// limits or an error, never a panic. Seeds: the fixtures.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"org-page1.json", "org-page2.json", "workspace.json"} {
		f.Add(fixture(f, name), false)
	}
	f.Add([]byte(`{"data":[{"group_type":"batch","limits":[{"type":"x","value":0}]}],"next_page":""}`), true)
	f.Fuzz(func(t *testing.T, data []byte, workspace bool) {
		p, err := ParsePage(data, workspace)
		if err != nil {
			if p.Entries != nil || p.NextPage != "" {
				t.Fatalf("a page with an error: %+v", p)
			}
			return
		}
		for _, e := range p.Entries {
			if e.GroupType == "" {
				t.Fatalf("entry without a group type: %+v", e)
			}
			for _, l := range e.Limits {
				if l.Type == "" || l.Value < 0 || l.Value > MaxValue {
					t.Fatalf("limit %+v", l)
				}
			}
		}
	})
}
