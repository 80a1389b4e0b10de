package planner

import "testing"

// BenchmarkPlanWorkload is `plan --sessions 20 --tokens 800k` against the
// default table: the day laid out, every tier's buckets run, every plan
// rated.
func BenchmarkPlanWorkload(b *testing.B) {
	tab := defaultTable(b)
	w := Workload{SessionsPerDay: 20, TokensPerSession: 800_000}
	for b.Loop() {
		if _, err := PlanWorkload(w, tab, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanTeam100 is a team of 100 developers, 8 sessions of 2M tokens
// a day each: about 50,000 calls through every tier's buckets.
func BenchmarkPlanTeam100(b *testing.B) {
	tab := defaultTable(b)
	w := Workload{SessionsPerDay: 8, TokensPerSession: 2_000_000, Devs: 100}
	for b.Loop() {
		if _, err := PlanWorkload(w, tab, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanLongSession plans two 50M-token sessions a day: hundreds of
// calls each, compacting again and again.
func BenchmarkPlanLongSession(b *testing.B) {
	tab := defaultTable(b)
	w := Workload{SessionsPerDay: 2, TokensPerSession: 50_000_000}
	for b.Loop() {
		if _, err := PlanWorkload(w, tab, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSweep60 sweeps sessions 1..60, as cost --sweep does.
func BenchmarkSweep60(b *testing.B) {
	tab := defaultTable(b)
	spec, err := ParseSweep("sessions=1..60")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := RunSweep(Workload{TokensPerSession: 800_000}, tab, spec, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
