package planner

import "testing"

// BenchmarkPlanWorkload plans the everyday workload (20 sessions of 800k)
// against a three-option table.
func BenchmarkPlanWorkload(b *testing.B) {
	t := legacyTable()
	w := Workload{SessionsPerDay: 20, TokensPerSession: 800_000}
	for b.Loop() {
		if _, err := PlanWorkload(w, t, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanLongSession plans a 50M-token session (483 calls, nine
// compactions): the growth solver's worst everyday case.
func BenchmarkPlanLongSession(b *testing.B) {
	t := legacyTable()
	w := Workload{SessionsPerDay: 2, TokensPerSession: 50_000_000}
	for b.Loop() {
		if _, err := PlanWorkload(w, t, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSweep60 sweeps sessions 1..60, as cost --sweep does.
func BenchmarkSweep60(b *testing.B) {
	t := legacyTable()
	spec, err := ParseSweep("sessions=1..60")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := RunSweep(Workload{TokensPerSession: 800_000}, t, spec); err != nil {
			b.Fatal(err)
		}
	}
}
