package diagnose

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tierplan/tierplan/planner/diagnose/paste"
)

var validKinds = map[Kind]bool{
	KindRateLimit: true, KindSubscriptionLimit: true, KindSpendCap: true, KindSpendLimit: true, KindBilling: true,
	KindOverloaded: true, KindAuth: true, KindTooLarge: true, KindInvalidRequest: true, KindOK: true, KindOther: true,
}

// limitsOf lists the limits each kind may carry; the others carry none.
var limitsOf = map[Kind][]Limit{
	KindRateLimit:         {LimitRPM, LimitITPM, LimitOTPM, LimitTokens, LimitDailyTokens, LimitDailyRequests, LimitUnknown},
	KindSubscriptionLimit: {LimitWindow5h, LimitWeekly, LimitWeeklyModel, LimitUnknown},
	KindBilling:           {LimitCredits, LimitExtraUsage},
}

// FuzzDiagnose feeds arbitrary bytes through the reader and the diagnosis,
// seeded with every fixture and case: either one clear line of error, or a
// verdict whose fields stay inside the contract, that JSON and YAML can
// write, and whose every string is safe for a terminal. Never a panic.
func FuzzDiagnose(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pastes", "*.txt"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range diagCases() {
		f.Add([]byte(tc.in))
	}
	for _, s := range []string{"HTTP/2 429\ndate: Fri, 31 Dec 9999 23:59:59 GMT\n\n{\"error\":{\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}",
		"HTTP/2 429\nanthropic-ratelimit-unified-5h-reset: 999999999999\nanthropic-ratelimit-unified-5h-status: rejected\n\n",
		"You've hit your limit · resets Dec 31, 11pm (Pacific/Kiritimati)", "Claude AI usage limit reached|99999999999"} {
		f.Add([]byte(s))
	}
	table := testTable()
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := paste.Parse(data)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			return
		}
		d := Diagnose(resp, Options{Now: at, Table: table, LoadLocation: time.LoadLocation})
		checkContract(t, d)
	})
}

func checkContract(t *testing.T, d Diagnosis) {
	t.Helper()
	if !validKinds[d.Kind] {
		t.Fatalf("kind %q outside the contract", d.Kind)
	}
	okLimit := d.Limit == LimitNone
	for _, l := range limitsOf[d.Kind] {
		okLimit = okLimit || l == d.Limit
	}
	if !okLimit || (d.Limit == LimitNone) != (limitsOf[d.Kind] == nil) {
		t.Fatalf("limit %q with kind %q", d.Limit, d.Kind)
	}
	if d.Verdict == "" || d.Advice == nil || len(d.Advice) == 0 || d.Missing == nil || d.Notes == nil || d.Buckets == nil {
		t.Fatalf("incomplete diagnosis %+v", d)
	}
	if d.WaitS != nil && *d.WaitS < 0 {
		t.Fatalf("negative wait %d", *d.WaitS)
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if _, err := yaml.Marshal(d); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	var doc any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	walkStrings(doc, func(s string) {
		for _, r := range s {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("unescaped %U in %q", r, s)
			}
		}
	})
}

// walkStrings calls fn with every string in a decoded JSON document.
func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for k, e := range x {
			fn(k)
			walkStrings(e, fn)
		}
	}
}

// TestContractOfEveryCase runs the fuzz checks on every fixture and case.
func TestContractOfEveryCase(t *testing.T) {
	for _, tc := range fixtureVerdicts {
		checkContract(t, diagnoseFixture(t, tc.file))
	}
	for _, tc := range diagCases() {
		resp, err := paste.Parse([]byte(tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkContract(t, Diagnose(resp, Options{Now: at, Table: testTable()}))
	}
}
