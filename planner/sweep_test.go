package planner

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSweep(t *testing.T) {
	cases := []struct {
		in   string
		want SweepSpec
		vals []float64 // nil: not checked
	}{
		// (2,000,000 − 100,000)/19 = 100,000 a step: 20 points.
		{"tokens=100k..2M", SweepSpec{"tokens", 100_000, 2_000_000, 100_000}, nil},
		// 1, 5, 9, then the end, 10.
		{"sessions=1..10:4", SweepSpec{"sessions", 1, 10, 4}, []float64{1, 5, 9, 10}},
		// Sessions step by 1.
		{"sessions=2..4", SweepSpec{"sessions", 2, 4, 1}, []float64{2, 3, 4}},
		{" Sessions = 0.5 .. 1.5 : 0.5", SweepSpec{"sessions", 0.5, 1.5, 0.5}, []float64{0.5, 1, 1.5}},
		// (300 − 100)/19 = 10.5 → 11 a step: 100, 111, …, 298, then 300.
		{"tokens=100..300", SweepSpec{"tokens", 100, 300, 11}, nil},
		// A range of one point.
		{"tokens=5k..5k", SweepSpec{"tokens", 5_000, 5_000, 1}, []float64{5_000}},
		{"tokens=1..2:1", SweepSpec{"tokens", 1, 2, 1}, []float64{1, 2}},
	}
	for _, c := range cases {
		got, err := ParseSweep(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseSweep(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
			continue
		}
		if c.vals != nil && !slices.Equal(got.Values(), c.vals) {
			t.Errorf("%q: values %v, want %v", c.in, got.Values(), c.vals)
		}
	}
	spec, _ := ParseSweep("tokens=100k..2M")
	if v := spec.Values(); len(v) != 20 || v[0] != 100_000 || v[19] != 2_000_000 {
		t.Errorf("tokens=100k..2M: values %v, want 20 from 100k to 2M", v)
	}
	spec, _ = ParseSweep("tokens=100..300")
	if v := spec.Values(); len(v) != 20 || v[18] != 298 || v[19] != 300 {
		t.Errorf("tokens=100..300: values %v, want 100, 111, …, 298, 300", v)
	}
}

func TestParseSweepRejects(t *testing.T) {
	cases := []struct{ in, want string }{
		{"calls=1..5", `"calls=1..5": expected sessions=FROM..TO or tokens=FROM..TO`},
		{"sessions", `"sessions": expected sessions=FROM..TO or tokens=FROM..TO`},
		{"", `"": expected sessions=FROM..TO or tokens=FROM..TO`},
		{"sessions=5", `"sessions=5": the range needs two dots, as in 1..60`},
		{"sessions=1.5", `"sessions=1.5": the range needs two dots, as in 1..60`},
		{"sessions=5..1", `"sessions=5..1": the range ends before it starts`},
		{"sessions=0..3", `"sessions=0..3": the range must start above 0`},
		{"sessions=-2..3", `"sessions=-2..3": the range must start above 0`},
		{"sessions=1..x", `"x" is not a number`},
		{"sessions=..5", `"" is not a number`},
		{"sessions=NaN..5", `"NaN" is not a number`},
		{"sessions=1..Inf", `"Inf" is not a number`},
		{"sessions=1..5:0", `"sessions=1..5:0": the step must be above 0`},
		{"sessions=1..5:-1", `"sessions=1..5:-1": the step must be above 0`},
		{"sessions=1..5:x", `"x" is not a number`},
		{"tokens=1k..1B:1", `"tokens=1k..1B:1": 999999001 steps; at most 1000`},
		{"sessions=1..1e308", `"sessions=1..1e308": `},
		{"tokens=1k..2kk", `"2kk" is not a quantity`},
		{"tokens=0..2k", `"tokens=0..2k": the range must start above 0`},
		{"tokens=1k..2k:0", `"tokens=1k..2k:0": the step must be above 0`},
		// Past what a workload may be (see TestSweepPastTheWorkloadsBoundsHung).
		{"sessions=1e300..1e300", `"sessions=1e300..1e300": sessions a day go up to 10,000`},
		{"tokens=20B..20B", `"tokens=20B..20B": tokens a session go up to 10,000,000,000`},
	}
	for _, c := range cases {
		_, err := ParseSweep(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSweep(%q): error %v, want one containing %q", c.in, err, c.want)
		}
	}
}

// `cost --sweep sessions=1e300..1e300` ran out of memory: 1e300 + 1 is
// 1e300 in floating point, so the list of values never passed the end. A
// sweep now stays within a workload's bounds, and its values stop when a
// step no longer moves them.
func TestSweepPastTheWorkloadsBoundsHung(t *testing.T) {
	for _, s := range []SweepSpec{
		{"sessions", 1e300, 1e300, 1},
		{"sessions", 5, 5, 1e-300},
		{"tokens", 9e18, 9e18, 1},
	} {
		if v := s.Values(); len(v) != 1 || v[0] != s.From {
			t.Errorf("%+v: values %v, want the one point", s, v)
		}
	}
}

func FuzzParseSweep(f *testing.F) {
	for _, s := range []string{"sessions=1..60", "tokens=100k..2M", "tokens=1..2:1", "x", "sessions=1..1e308",
		"sessions=5..5:1e-300", "sessions=1e300..1e300", "tokens=9e18..9e18", "sessions=0.1..10000:9.9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseSweep(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: a multi-line error %q", s, err)
			}
			return
		}
		v := spec.Values()
		if n := len(v); n == 0 || n > MaxSweepSteps+1 {
			t.Fatalf("%q gives %d steps", s, n)
		}
		if v[0] != spec.From || v[len(v)-1] > spec.To*(1+1e-9)+1e-9 {
			t.Fatalf("%q: values %v outside [%g, %g]", s, v, spec.From, spec.To)
		}
		for i := 1; i < len(v); i++ {
			if v[i] <= v[i-1] {
				t.Fatalf("%q: values %v do not rise", s, v)
			}
		}
	})
}

// RunSweep plans at every point: the tiny day at 1 and 2 sessions a day
// costs 10 and 20 sessions a month × 19,050 µ$ on the API tiers.
func TestRunSweep(t *testing.T) {
	sw, err := RunSweep(tinyDay(), smallTable(), SweepSpec{"sessions", 1, 2, 1}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sw.Options, []string{"low", "high", "seat"}) || len(sw.Steps) != 2 {
		t.Fatalf("sweep %+v", sw)
	}
	for i, want := range []int64{190_500, 381_000} {
		st := sw.Steps[i]
		if st.Options[0].Name != "low" || int64(st.Options[0].MonthlyCost) != want || st.Cheapest == nil || *st.Cheapest != "low" {
			t.Errorf("step %g: %+v, cheapest %v; want low at %d µ$", st.Value, st.Options, st.Cheapest, want)
		}
	}
	if _, err := RunSweep(Workload{}, smallTable(), SweepSpec{"tokens", 1_000, 1_000, 1}, Options{}); err == nil ||
		!strings.HasPrefix(err.Error(), "at tokens=1000: --tokens 1,000 is less than one call") {
		t.Errorf("a sweep through an impossible size: %v", err)
	}
}
