package simulate

import (
	"strings"
	"testing"
)

const goodMeasurement = `{"schema_version":1,"client":"sdk","version":"1.0.0","date":"2026-12-07","runtime":"node",
"scenarios":[{"name":"429","status":429,"errors":0,"model":"m","runs":[
  {"requests":3,"delays_s":[0.4,0.9],"succeeded":false},{"requests":3,"delays_s":[0.5,0.8],"succeeded":false}],
 "retries":2,"delay_range_s":[[0.4,0.5],[0.8,0.9]]},
 {"name":"ok-after-one","status":529,"errors":1,"model":"m","runs":[{"requests":2,"delays_s":[0.45],"succeeded":true}],
 "retries":1,"delay_range_s":[[0.45,0.45]]}]}`

func TestParseMeasurement(t *testing.T) {
	m, err := ParseMeasurement([]byte(goodMeasurement))
	if err != nil {
		t.Fatal(err)
	}
	if m.Client != "sdk" || len(m.Scenarios) != 2 || m.Scenarios[0].DelaysS[1] != [2]float64{0.8, 0.9} {
		t.Fatalf("parsed %+v", m)
	}
}

// Each broken fixture is refused with a message naming what is wrong.
func TestParseMeasurementRejects(t *testing.T) {
	cases := []struct{ old, new, want string }{
		{`"schema_version":1`, `"schema_version":2`, "schema_version 2 is not supported"},
		{`"client":"sdk"`, `"client":""`, "client, version and date are required"},
		{`"requests":3,"delays_s":[0.4,0.9]`, `"requests":4,"delays_s":[0.4,0.9]`, "4 requests but 2 delays"},
		{`"retries":2`, `"retries":3`, "does not match the runs"},
		{`[[0.4,0.5],`, `[[0.3,0.5],`, "does not match the runs"},
		{`"errors":1`, `"errors":2`, "does not fit 2 scripted errors"},
		{`"succeeded":false},{`, `"succeeded":true},{`, "does not fit 0 scripted errors"},
		{`"status":529`, `"status":200`, "needs a name, an error status"},
		{`"name":"ok-after-one"`, `"name":"429"`, `scenario "429" appears twice`},
		{`[0.45]`, `[-0.45]`, "negative delay"},
		{`"retries":1,"delay_range_s":[[0.45,0.45]]`, `"retries":1,"delay_range_s":[[-0.45,-0.45]]`, "does not match the runs"},
		{`"scenarios":[`, `"scenarios":[],"x":[`, "has no scenarios"},
		{`{"schema_version"`, `["schema_version"`, "measurement: "},
	}
	for _, tc := range cases {
		bad := strings.Replace(goodMeasurement, tc.old, tc.new, 1)
		if bad == goodMeasurement {
			t.Fatalf("case %q changes nothing", tc.old)
		}
		_, err := ParseMeasurement([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: got %v, want an error containing %q", tc.old, tc.new, err, tc.want)
		}
	}
}

func FuzzParseMeasurement(f *testing.F) {
	f.Add([]byte(goodMeasurement))
	for _, b := range fixtureFiles(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseMeasurement(b)
		if err != nil {
			return
		}
		for _, s := range m.Scenarios {
			for _, r := range s.Runs {
				if r.Requests != len(r.DelaysS)+1 {
					t.Fatalf("accepted a run with %d requests and %d delays", r.Requests, len(r.DelaysS))
				}
			}
		}
	})
}
