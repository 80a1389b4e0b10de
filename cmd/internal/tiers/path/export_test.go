package path

// Report is the JSON report of tiers path, for the tests that decode it.
type Report = tiersPathReport
